using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Manifold;

/// <summary>The symmetrised joint probabilities P of t-SNE, as a CSR matrix (sparse nearest-neighbour P, or a dense one stored in full).</summary>
internal sealed class TsneAffinities
{
    public required int N { get; init; }
    public required int[] RowPointers { get; init; }
    public required int[] Columns { get; init; }
    public required double[] Values { get; init; }

    /// <summary>Dimensions from which the neighbours come from blocked GEMM distances rather than the vantage-point tree, which
    /// prunes little there (at 100k × 16 the tree took 150 CPU s).</summary>
    public const int BlockedFromDimensions = 8;

    /// <summary>P from the ⌊3·perplexity + 1⌋ exact nearest neighbours (a vantage-point tree in few dimensions, blocked distances from <see cref="BlockedFromDimensions"/>).</summary>
    public static TsneAffinities Sparse(float[] x, int n, int d, double perplexity, int seed)
    {
        int k = Math.Min(n - 1, (int)(3 * perplexity + 1));
        var nbr = new int[n * k];
        var dist = new float[n * k];
        if (d >= BlockedFromDimensions) BlockedNearestNeighbours.Find(x, n, d, k, nbr, dist);
        else
        {
            var tree = new VpTree(x, n, d, seed);
            FixedChunks.For(n, 128, (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    tree.Nearest(i, k, nbr.AsSpan(i * k, k), dist.AsSpan(i * k, k));
                    for (int j = 0; j < k; j++) dist[i * k + j] = (float)SquaredDistances.Exact(x.AsSpan(i * d, d), x.AsSpan(nbr[i * k + j] * d, d));
                }
            }, workPerItem: 64L * d * k);
        }
        PerplexityCalibration.Calibrate(dist, n, k, perplexity);
        return Symmetrise(n, k, nbr, dist);
    }

    /// <summary>P from all pairwise squared distances (every other point is a neighbour).</summary>
    public static TsneAffinities Dense(float[] x, int n, int d, double perplexity)
    {
        int k = n - 1;
        var nbr = new int[n * k];
        var dist = new float[n * k];
        var norms = new float[n];
        SquaredDistances.RowNorms(x, n, d, norms);
        FixedChunks.For(n, 64, (_, start, end) =>
        {
            int r = end - start;
            var block = new float[r * n];
            SquaredDistances.Block(x.AsSpan(start * d, r * d), norms.AsSpan(start, r), r, x, norms, n, d, block);
            for (int i = 0; i < r; i++)
            {
                int g = start + i, c = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == g) continue;
                    nbr[g * k + c] = j;
                    dist[g * k + c] = block[i * n + j];
                    c++;
                }
            }
        }, workPerItem: (long)n * d);
        PerplexityCalibration.Calibrate(dist, n, k, perplexity);
        return Symmetrise(n, k, nbr, dist);
    }

    // P = (P_cond + P_condᵀ) / Σ, summing duplicate (i, j) entries in a fixed order.
    private static TsneAffinities Symmetrise(int n, int k, int[] nbr, float[] p)
    {
        var counts = new int[n + 1];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < k; t++) { counts[i + 1]++; counts[nbr[i * k + t] + 1]++; }
        for (int i = 0; i < n; i++) counts[i + 1] += counts[i];
        var next = (int[])counts.Clone();
        var cols = new int[counts[n]];
        var vals = new double[counts[n]];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < k; t++)
            {
                int j = nbr[i * k + t];
                double v = p[i * k + t];
                int a = next[i]++; cols[a] = j; vals[a] = v;
                int b = next[j]++; cols[b] = i; vals[b] = v;
            }
        var rowPtr = new int[n + 1];
        var outCols = new List<int>(cols.Length);
        var outVals = new List<double>(cols.Length);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int s = counts[i], e = counts[i + 1];
            Array.Sort(cols, vals, s, e - s);
            for (int q = s; q < e; q++)
            {
                if (q > s && cols[q] == cols[q - 1]) { outVals[^1] += vals[q]; continue; }
                outCols.Add(cols[q]); outVals.Add(vals[q]);
            }
            rowPtr[i + 1] = outCols.Count;
        }
        foreach (double v in outVals) total += v;
        total = Math.Max(total, 1e-8);
        var values = outVals.ToArray();
        for (int q = 0; q < values.Length; q++) values[q] /= total;
        return new TsneAffinities { N = n, RowPointers = rowPtr, Columns = outCols.ToArray(), Values = values };
    }
}
