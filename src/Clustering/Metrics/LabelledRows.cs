namespace MusicCluster.Clustering.Metrics;

/// <summary>A data matrix with its labels encoded 0..K−1, optionally without the noise rows (label −1).</summary>
internal sealed class LabelledRows
{
    public required float[] X { get; init; }
    public required int N { get; init; }
    public required int D { get; init; }
    public required int[] Codes { get; init; }
    public required long[] Sizes { get; init; }
    public int K => Sizes.Length;

    public static LabelledRows Create(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels, bool excludeNoise)
    {
        Common.MatrixInput.Check(x, n, d);
        Common.MatrixInput.CheckLabels(labels, n);
        float[] data;
        int[] kept;
        if (excludeNoise && labels.IndexOf(-1) >= 0)
        {
            var keep = new List<int>(n);
            for (int i = 0; i < n; i++) if (labels[i] != -1) keep.Add(i);
            data = new float[(long)keep.Count * d];
            kept = new int[keep.Count];
            for (int r = 0; r < keep.Count; r++)
            {
                x.Slice(keep[r] * d, d).CopyTo(data.AsSpan(r * d, d));
                kept[r] = labels[keep[r]];
            }
        }
        else { data = x.ToArray(); kept = labels.ToArray(); }
        var enc = LabelEncoding.Fit(kept);
        return new LabelledRows { X = data, N = kept.Length, D = d, Codes = enc.Codes, Sizes = enc.Counts() };
    }

    public void RequireClusterCount(string metric)
    {
        if (K < 2 || K > N - 1)
            throw new ArgumentException($"{metric} needs between 2 and n − 1 = {N - 1} clusters, got {K}");
    }

    /// <summary>Cluster means in float64, K×D.</summary>
    public double[] Centroids()
    {
        var c = new double[K * D];
        for (int i = 0; i < N; i++)
        {
            int k = Codes[i];
            for (int j = 0; j < D; j++) c[k * D + j] += X[i * D + j];
        }
        for (int k = 0; k < K; k++) for (int j = 0; j < D; j++) c[k * D + j] /= Sizes[k];
        return c;
    }
}
