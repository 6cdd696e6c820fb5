using System.Numerics;
using System.Numerics.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Density;

/// <summary>Radius neighbour lists by blocked GEMM distances (for higher dimensions, where k-d trees stop pruning), exact at the boundary.</summary>
/// <remarks>
/// Squared distances come from ‖x‖² − 2x·y + ‖y‖² in float32 on column-centred data; pairs whose value lies within a
/// rounding-error margin of eps² are decided again in float64 from the original values, so the result is the same as
/// comparing exact float64 distances. Memory is one row chunk × column block at a time, never n×n.
/// </remarks>
internal static class BruteForceNeighbours
{
    private const int RowChunk = 128;
    private const int ColumnBlock = 4096;

    public static (long[] Offsets, int[] Neighbours) Build(float[] x, int n, int d, double eps)
    {
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        var xc = new float[x.Length];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xc[i * d + j] = (float)(x[i * d + j] - mean[j] / n);
        var norms = new float[n];
        SquaredDistances.RowNorms(xc, n, d, norms);
        double r2 = eps * eps;
        // Bound on the float32 error of one squared distance, per unit of (‖a‖² + ‖b‖²), with a safety factor.
        double unit = 8.0 * (d + 2) * 6e-8;
        int chunks = FixedChunks.Count(n, RowChunk);
        var parts = new int[chunks][];
        var counts = new int[n];
        FixedChunks.For(n, RowChunk, (chunk, start, end) =>
        {
            int r = end - start;
            var block = new float[r * ColumnBlock];
            var lists = new List<int>[r];
            for (int i = 0; i < r; i++) lists[i] = new List<int>();
            for (int c0 = 0; c0 < n; c0 += ColumnBlock)
            {
                int cols = Math.Min(ColumnBlock, n - c0);
                SquaredDistances.Block(xc.AsSpan(start * d, r * d), norms.AsSpan(start, r), r,
                    xc.AsSpan(c0 * d, cols * d), norms.AsSpan(c0, cols), cols, d, block.AsSpan(0, r * cols));
                float maxNorm = TensorPrimitives.Max(norms.AsSpan(c0, cols));
                int w = Vector<float>.Count;
                for (int i = 0; i < r; i++)
                {
                    var row = block.AsSpan(i * cols, cols);
                    double na = norms[start + i];
                    var list = lists[i];
                    // Most pairs are far apart: skip whole vectors that are above every pair's upper threshold.
                    var limit = new Vector<float>((float)((r2 + unit * (na + maxNorm)) * 1.0001));
                    int j0 = 0;
                    for (; j0 + w <= cols; j0 += w)
                    {
                        if (Vector.LessThanOrEqualAny(new Vector<float>(row.Slice(j0, w)), limit))
                            for (int j = j0; j < j0 + w; j++) Decide(row[j], j);
                    }
                    for (int j = j0; j < cols; j++) Decide(row[j], j);

                    void Decide(double s, int j)
                    {
                        double margin = unit * (na + norms[c0 + j]);
                        if (s > r2 + margin) return;
                        if (s < r2 - margin || Exact(x, d, start + i, c0 + j) <= r2) list.Add(c0 + j);
                    }
                }
            }
            int total = 0;
            for (int i = 0; i < r; i++) { counts[start + i] = lists[i].Count; total += lists[i].Count; }
            var flat = new int[total];
            int at = 0;
            foreach (var l in lists) { l.CopyTo(flat, at); at += l.Count; }
            parts[chunk] = flat;
        }, workPerItem: (long)n * d);
        var offsets = new long[n + 1];
        for (int i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i];
        var all = new int[offsets[n]];
        long pos = 0;
        foreach (var p in parts) { p.CopyTo(all, pos); pos += p.Length; }
        return (offsets, all);
    }

    // Same summation order as KdTree.SquaredDistance, so both paths decide boundary pairs identically.
    private static double Exact(float[] x, int d, int a, int b)
    {
        double s = 0;
        for (int j = 0; j < d; j++) { double t = (double)x[a * d + j] - x[b * d + j]; s += t * t; }
        return s;
    }
}
