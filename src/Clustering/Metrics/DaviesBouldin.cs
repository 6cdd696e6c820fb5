namespace MusicCluster.Clustering.Metrics;

/// <summary>Davies–Bouldin index: mean over clusters of the worst (spread_i + spread_j) / centroid distance; lower is better.</summary>
public static class DaviesBouldin
{
    /// <summary>The index; noise rows are dropped when <paramref name="excludeNoise"/> is set.</summary>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels, bool excludeNoise = false)
    {
        var rows = LabelledRows.Create(x, n, d, labels, excludeNoise);
        rows.RequireClusterCount("Davies–Bouldin");
        int k = rows.K;
        var c = rows.Centroids();
        var intra = new double[k];
        for (int i = 0; i < rows.N; i++)
        {
            int l = rows.Codes[i];
            double s = 0;
            for (int j = 0; j < d; j++) { double t = rows.X[i * d + j] - c[l * d + j]; s += t * t; }
            intra[l] += Math.Sqrt(s);
        }
        for (int l = 0; l < k; l++) intra[l] /= rows.Sizes[l];
        var between = new double[k * k];
        bool allIntraZero = true, allBetweenZero = true;
        for (int a = 0; a < k; a++)
        {
            if (Math.Abs(intra[a]) > 1e-8) allIntraZero = false;
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) { double t = c[a * d + j] - c[b * d + j]; s += t * t; }
                between[a * k + b] = Math.Sqrt(s);
                if (between[a * k + b] > 1e-8) allBetweenZero = false;
            }
        }
        if (allIntraZero || allBetweenZero) return 0.0;
        double total = 0;
        for (int a = 0; a < k; a++)
        {
            double worst = double.NegativeInfinity;
            for (int b = 0; b < k; b++)
            {
                double dist = between[a * k + b];
                double r = (intra[a] + intra[b]) / (dist == 0 ? double.PositiveInfinity : dist);
                worst = Math.Max(worst, r);
            }
            total += worst;
        }
        return total / k;
    }
}
