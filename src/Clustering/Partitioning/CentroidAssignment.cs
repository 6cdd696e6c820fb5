using System.Buffers;
using System.Runtime.CompilerServices;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Assigns rows to their nearest centre through the GEMM kernel, in fixed row chunks, and optionally accumulates per-cluster sums.</summary>
internal static class CentroidAssignment
{
    public const int RowChunk = 2048;

    /// <summary>Per-chunk partial results, combined in chunk order for bit-identical results on any core count.</summary>
    public sealed class Partial(int k, int d)
    {
        public readonly double[] Sums = new double[k * d];
        public readonly long[] Counts = new long[k];
        public double Inertia;
        public int Changed;
    }

    /// <summary>
    /// Writes labels and squared distances (float32, from ‖x‖² − 2x·c + ‖c‖²) for every row; with <paramref name="accumulate"/>
    /// also returns per-cluster sums and counts combined in chunk order. <paramref name="previous"/> counts label changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Partial Assign(float[] x, float[] xNorms, int n, int d, float[] centres, int k,
        int[] labels, float[] distances, bool accumulate, int[]? previous = null)
    {
        var cNorms = new float[k];
        SquaredDistances.RowNorms(centres, k, d, cNorms);
        int chunks = FixedChunks.Count(n, RowChunk);
        var partials = new Partial[chunks];
        FixedChunks.For(n, RowChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, start, end) =>
        {
            int r = end - start;
            // Pooled: a fresh r×k block per chunk and pass would be a large-object allocation each time.
            var rented = ArrayPool<float>.Shared.Rent(r * k);
            var block = rented.AsSpan(0, r * k);
            SquaredDistances.Block(x.AsSpan(start * d, r * d), xNorms.AsSpan(start, r), r, centres, cNorms, k, d, block);
            var p = new Partial(accumulate ? k : 0, d);
            for (int i = 0; i < r; i++)
            {
                var row = block.Slice(i * k, k);
                int best = 0;
                float bestD = row[0];
                for (int c = 1; c < k; c++) if (row[c] < bestD) { bestD = row[c]; best = c; }
                int g = start + i;
                if (previous is not null && previous[g] != best) p.Changed++;
                labels[g] = best;
                distances[g] = bestD;
                p.Inertia += bestD;
                if (accumulate)
                {
                    p.Counts[best]++;
                    var sum = p.Sums.AsSpan(best * d, d);
                    var xi = x.AsSpan(g * d, d);
                    for (int j = 0; j < d; j++) sum[j] += xi[j];
                }
            }
            ArrayPool<float>.Shared.Return(rented);
            partials[chunk] = p;
        }, workPerItem: (long)k * d);
        var total = new Partial(accumulate ? k : 0, d);
        foreach (var p in partials)
        {
            total.Inertia += p.Inertia;
            total.Changed += p.Changed;
            if (!accumulate) continue;
            for (int i = 0; i < p.Sums.Length; i++) total.Sums[i] += p.Sums[i];
            for (int c = 0; c < k; c++) total.Counts[c] += p.Counts[c];
        }
        return total;
    }

    /// <summary>Σ‖x_i − c_label(i)‖² computed directly in float64 (no cancellation), in chunk order.</summary>
    public static double ExactInertia(float[] x, int n, int d, float[] centres, int[] labels)
    {
        int chunks = FixedChunks.Count(n, RowChunk);
        var partial = new double[chunks];
        FixedChunks.For(n, RowChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, start, end) =>
        {
            double s = 0;
            for (int i = start; i < end; i++) s += SquaredDistances.Exact(x.AsSpan(i * d, d), centres.AsSpan(labels[i] * d, d));
            partial[chunk] = s;
        }, workPerItem: d);
        double t = 0;
        foreach (double p in partial) t += p;
        return t;
    }
}
