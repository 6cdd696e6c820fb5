using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Metrics;

/// <summary>Silhouette coefficient, computed in row chunks so memory stays O(n·k) rather than n×n.</summary>
/// <remarks>Distances come from the GEMM kernel on column-centred data (centring shrinks the norms and with them the cancellation in ‖x‖² − 2x·y + ‖y‖²).</remarks>
public static class Silhouette
{
    private const int RowChunk = 64;
    private const int ColumnBlock = 2048;

    /// <summary>Mean silhouette over all samples (or over a seeded random subset of <paramref name="sampleSize"/> samples).</summary>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels,
        int? sampleSize = null, int seed = 0, bool excludeNoise = false)
    {
        if (sampleSize is int s)
        {
            if (s < 2 || s > n) throw new ArgumentOutOfRangeException(nameof(sampleSize), $"sample size must be in [2, {n}], got {s}");
            MatrixInput.Check(x, n, d);
            MatrixInput.CheckLabels(labels, n);
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            new Random(seed).Shuffle(order);
            var xs = new float[(long)s * d];
            var ls = new int[s];
            for (int r = 0; r < s; r++) { x.Slice(order[r] * d, d).CopyTo(xs.AsSpan(r * d, d)); ls[r] = labels[order[r]]; }
            return Mean(Samples(xs, s, d, ls, excludeNoise));
        }
        return Mean(Samples(x, n, d, labels, excludeNoise));
    }

    /// <summary>Mean silhouette of the rows of an n×d tensor.</summary>
    public static double Score(Tensor<float> x, ReadOnlySpan<int> labels, int? sampleSize = null, int seed = 0, bool excludeNoise = false)
    { var s = TensorRows.Of(x, out int n, out int d); return Score(s, n, d, labels, sampleSize, seed, excludeNoise); }

    /// <summary>Silhouette of every sample (noise rows dropped first when <paramref name="excludeNoise"/> is set).</summary>
    public static double[] Samples(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels, bool excludeNoise = false)
    {
        var rows = LabelledRows.Create(x, n, d, labels, excludeNoise);
        rows.RequireClusterCount("silhouette");
        int m = rows.N, k = rows.K;
        var xc = Centred(rows.X, m, d);
        var norms = new float[m];
        SquaredDistances.RowNorms(xc, m, d, norms);
        var result = new double[m];
        var codes = rows.Codes;
        var sizes = rows.Sizes;
        FixedChunks.For(m, RowChunk, (_, start, end) =>
        {
            int r = end - start;
            var sums = new double[r * k];
            var block = new float[r * ColumnBlock];
            for (int c0 = 0; c0 < m; c0 += ColumnBlock)
            {
                int cols = Math.Min(ColumnBlock, m - c0);
                SquaredDistances.Block(xc.AsSpan(start * d, r * d), norms.AsSpan(start, r), r,
                    xc.AsSpan(c0 * d, cols * d), norms.AsSpan(c0, cols), cols, d, block.AsSpan(0, r * cols));
                for (int i = 0; i < r; i++)
                {
                    var row = block.AsSpan(i * cols, cols);
                    var s = sums.AsSpan(i * k, k);
                    int self = start + i - c0;
                    for (int j = 0; j < cols; j++)
                        if (j != self) s[codes[c0 + j]] += Math.Sqrt(row[j]);
                }
            }
            for (int i = 0; i < r; i++)
            {
                int own = codes[start + i];
                if (sizes[own] <= 1) { result[start + i] = 0; continue; }
                var s = sums.AsSpan(i * k, k);
                double a = s[own] / (sizes[own] - 1);
                double b = double.PositiveInfinity;
                for (int l = 0; l < k; l++) if (l != own) b = Math.Min(b, s[l] / sizes[l]);
                double denom = Math.Max(a, b);
                result[start + i] = denom == 0 ? 0 : (b - a) / denom;
            }
        }, workPerItem: (long)m * d);
        return result;
    }

    private static float[] Centred(float[] x, int n, int d)
    {
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        var xc = new float[x.Length];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xc[i * d + j] = (float)(x[i * d + j] - mean[j] / n);
        return xc;
    }

    private static double Mean(double[] v)
    {
        double s = 0;
        foreach (double t in v) s += t;
        return s / v.Length;
    }
}
