using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Metrics;

/// <summary>Silhouette coefficient, computed in row chunks so memory stays O(n·k) rather than n×n.</summary>
/// <remarks>Distances come from the GEMM kernel on column-centred data (centring shrinks the norms and with them the cancellation in ‖x‖² − 2x·y + ‖y‖²).</remarks>
public static class Silhouette
{
    private const int RowChunk = 64;
    private const int ColumnBlock = 2048;

    /// <summary>Mean silhouette over all samples, or over <paramref name="sampleSize"/> rows drawn as scikit-learn's
    /// <c>silhouette_score(sample_size, random_state=seed)</c> draws them (the same rows for the same seed).</summary>
    /// <remarks>With <paramref name="excludeNoise"/> the noise rows are dropped first and the sample is drawn from the rest.</remarks>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels,
        int? sampleSize = null, int seed = 0, bool excludeNoise = false)
    {
        if (sampleSize is not int s) return Mean(Samples(x, n, d, labels, excludeNoise));
        MatrixInput.Check(x, n, d);
        MatrixInput.CheckLabels(labels, n);
        var kept = KeptRows(labels, excludeNoise);
        if (s < 2 || s > kept.Length) throw new ArgumentOutOfRangeException(nameof(sampleSize), $"sample size must be in [2, {kept.Length}], got {s}");
        var rows = SampleRows(kept.Length, s, seed);
        for (int r = 0; r < rows.Length; r++) rows[r] = kept[rows[r]];
        return Score(x, n, d, labels, rows);
    }

    /// <summary>Mean silhouette, over a seeded sample of <paramref name="maxRows"/> rows when there are more (null: never sample).</summary>
    /// <remarks>The result says whether it was sampled, so a report can say so; the sample is scikit-learn's for the same seed.</remarks>
    public static SilhouetteResult Compute(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels,
        int? maxRows, int seed = 0, bool excludeNoise = false)
    {
        MatrixInput.CheckLabels(labels, n);
        int kept = excludeNoise ? n - CountNoise(labels) : n;
        if (maxRows is not int m || kept <= m) return new SilhouetteResult(Score(x, n, d, labels, excludeNoise: excludeNoise), kept, false);
        return new SilhouetteResult(Score(x, n, d, labels, m, seed, excludeNoise), m, true);
    }

    /// <summary>Mean silhouette of the given rows only (distances among them alone), in their order.</summary>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows)
    {
        MatrixInput.Check(x, n, d);
        MatrixInput.CheckLabels(labels, n);
        int s = rows.Length;
        var xs = new float[(long)s * d];
        var ls = new int[s];
        for (int r = 0; r < s; r++)
        {
            int i = rows[r];
            if ((uint)i >= (uint)n) throw new ArgumentOutOfRangeException(nameof(rows), $"row {i} is outside 0..{n - 1}");
            x.Slice(i * d, d).CopyTo(xs.AsSpan(r * d, d));
            ls[r] = labels[i];
        }
        return Mean(Samples(xs, s, d, ls));
    }

    /// <summary>The first <paramref name="sampleSize"/> entries of numpy's <c>RandomState(seed).permutation(n)</c>: scikit-learn's sample.</summary>
    public static int[] SampleRows(int n, int sampleSize, int seed)
    {
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), $"seed must be non-negative (numpy's range), got {seed}");
        if (sampleSize < 0 || sampleSize > n) throw new ArgumentOutOfRangeException(nameof(sampleSize), $"sample size must be in [0, {n}], got {sampleSize}");
        return new NumpyRandomState((uint)seed).Permutation(n).AsSpan(0, sampleSize).ToArray();
    }

    private static int[] KeptRows(ReadOnlySpan<int> labels, bool excludeNoise)
    {
        var kept = new int[excludeNoise ? labels.Length - CountNoise(labels) : labels.Length];
        int c = 0;
        for (int i = 0; i < labels.Length; i++) if (!excludeNoise || labels[i] != -1) kept[c++] = i;
        return kept;
    }

    private static int CountNoise(ReadOnlySpan<int> labels)
    {
        int c = 0;
        foreach (int l in labels) if (l == -1) c++;
        return c;
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
