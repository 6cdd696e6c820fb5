using System.Buffers;
using System.Runtime.CompilerServices;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Assigns rows to their nearest centre through the GEMM kernel, in fixed row chunks, and optionally accumulates per-cluster sums.</summary>
internal static class CentroidAssignment
{
    public const int RowChunk = 2048;

    /// <summary>
    /// Writes labels and squared distances (float32, from ‖x‖² − 2x·c + ‖c‖²) for every row; with <paramref name="accumulate"/>
    /// also returns per-cluster sums and counts combined in chunk order. <paramref name="previous"/> counts label changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CentroidSums Assign(float[] x, float[] xNorms, int n, int d, float[] centres, int k,
        int[] labels, float[] distances, bool accumulate, int[]? previous = null)
    {
        var cNorms = new float[k];
        SquaredDistances.RowNorms(centres, k, d, cNorms);
        int chunks = FixedChunks.Count(n, RowChunk);
        var partials = new CentroidSums[chunks];
        FixedChunks.For(n, RowChunk, (chunk, start, end) =>
        {
            int r = end - start;
            partials[chunk] = AssignChunk(x.AsSpan(start * d, r * d), xNorms.AsSpan(start, r), r, d, centres, cNorms, k,
                labels.AsSpan(start, r), distances.AsSpan(start, r), accumulate, previous is null ? default : previous.AsSpan(start, r));
        }, workPerItem: (long)k * d);
        return CentroidSums.Combine(partials, k, d, accumulate);
    }

    /// <summary>One chunk of <see cref="Assign"/>: r ≤ <see cref="RowChunk"/> rows against centres whose norms are given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CentroidSums AssignChunk(ReadOnlySpan<float> x, ReadOnlySpan<float> xNorms, int r, int d, float[] centres, ReadOnlySpan<float> cNorms, int k,
        Span<int> labels, Span<float> distances, bool accumulate, ReadOnlySpan<int> previous = default)
    {
        // Pooled: a fresh r×k block per chunk and pass would be a large-object allocation each time.
        var rented = ArrayPool<float>.Shared.Rent(r * k);
        var block = rented.AsSpan(0, r * k);
        SquaredDistances.Block(x, xNorms, r, centres, cNorms, k, d, block);
        var p = new CentroidSums(accumulate ? k : 0, d);
        for (int i = 0; i < r; i++)
        {
            var row = block.Slice(i * k, k);
            int best = 0;
            float bestD = row[0];
            for (int c = 1; c < k; c++) if (row[c] < bestD) { bestD = row[c]; best = c; }
            if (!previous.IsEmpty && previous[i] != best) p.Changed++;
            labels[i] = best;
            distances[i] = bestD;
            p.Inertia += bestD;
            if (accumulate)
            {
                p.Counts[best]++;
                var sum = p.Sums.AsSpan(best * d, d);
                var xi = x.Slice(i * d, d);
                for (int j = 0; j < d; j++) sum[j] += xi[j];
            }
        }
        ArrayPool<float>.Shared.Return(rented);
        return p;
    }

    /// <summary>Σ‖x_i − c_label(i)‖² computed directly in float64 (no cancellation), in chunk order.</summary>
    public static double ExactInertia(float[] x, int n, int d, float[] centres, int[] labels)
    {
        int chunks = FixedChunks.Count(n, RowChunk);
        var partial = new double[chunks];
        FixedChunks.For(n, RowChunk, (chunk, start, end) =>
            partial[chunk] = ExactInertiaChunk(x.AsSpan(start * d, (end - start) * d), end - start, d, centres, labels.AsSpan(start, end - start)), workPerItem: d);
        double t = 0;
        foreach (double p in partial) t += p;
        return t;
    }

    /// <summary>One chunk of <see cref="ExactInertia"/>, summed in row order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ExactInertiaChunk(ReadOnlySpan<float> x, int r, int d, float[] centres, ReadOnlySpan<int> labels)
    {
        double s = 0;
        for (int i = 0; i < r; i++) s += SquaredDistances.Exact(x.Slice(i * d, d), centres.AsSpan(labels[i] * d, d));
        return s;
    }
}
