namespace MusicCluster.Clustering.Metrics;

/// <summary>Calinski–Harabasz index (variance ratio criterion); higher is better.</summary>
public static class CalinskiHarabasz
{
    /// <summary>Between- over within-cluster dispersion, scaled by degrees of freedom. Noise rows are dropped when <paramref name="excludeNoise"/> is set.</summary>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels, bool excludeNoise = false)
    {
        var rows = LabelledRows.Create(x, n, d, labels, excludeNoise);
        rows.RequireClusterCount("Calinski–Harabasz");
        var centroids = rows.Centroids();
        var mean = new double[d];
        for (int i = 0; i < rows.N; i++) for (int j = 0; j < d; j++) mean[j] += rows.X[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= rows.N;
        double extra = 0, intra = 0;
        for (int k = 0; k < rows.K; k++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) { double t = centroids[k * d + j] - mean[j]; s += t * t; }
            extra += rows.Sizes[k] * s;
        }
        for (int i = 0; i < rows.N; i++)
        {
            int k = rows.Codes[i];
            for (int j = 0; j < d; j++) { double t = rows.X[i * d + j] - centroids[k * d + j]; intra += t * t; }
        }
        return intra == 0 ? 1.0 : extra * (rows.N - rows.K) / (intra * (rows.K - 1.0));
    }
}
