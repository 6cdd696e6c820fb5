using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Greedy k-means++ seeding as in scikit-learn: 2 + ⌊ln k⌋ candidates per centre, keeping the one that lowers the potential most.</summary>
/// <remarks>
/// Candidate evaluation (distances, clipped potential sums) runs over fixed row chunks on all cores; chunk sums are
/// combined in chunk order, so the centres are bit-identical whatever the core count. Distances are taken directly
/// (Σ(x − c)², no ‖x‖² − 2x·c + ‖c‖² cancellation) on a chunk-wise transposed copy of x, so SIMD lanes run over rows
/// and no horizontal sums are needed; with only a handful of candidates a GEMM would mostly compute padding.
/// </remarks>
internal static class KMeansPlusPlus
{
    /// <summary>Rows per parallel work item.</summary>
    public const int RowChunk = 1024;

    /// <summary>Chooses k initial centres (k×d) from the rows of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Seed(float[] x, int n, int d, int k, Random random)
    {
        var centres = new float[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = random.Next(n);
        x.AsSpan(first * d, d).CopyTo(centres);
        var closest = new double[n];
        var dist = new float[(long)trials * n];
        int chunks = FixedChunks.Count(n, RowChunk);
        var chunkPot = new double[chunks * trials];
        var xt = ChunkTransposed(x, n, d);
        Distances(xt, n, d, centres.AsSpan(0, d), 1, dist, closest: null, chunkPot);
        double potential = 0;
        for (int i = 0; i < n; i++) closest[i] = dist[i];
        for (int c = 0; c < chunks; c++) potential += chunkPot[c];
        var cumulative = new double[n];
        var candidates = new int[trials];
        var candX = new float[trials * d];
        var candPot = new double[trials];
        for (int c = 1; c < k; c++)
        {
            double run = 0;
            for (int i = 0; i < n; i++) { run += closest[i]; cumulative[i] = run; }
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                candidates[t] = Math.Min(LowerBound(cumulative, target), n - 1);
                x.AsSpan(candidates[t] * d, d).CopyTo(candX.AsSpan(t * d, d));
            }
            Distances(xt, n, d, candX, trials, dist, closest, chunkPot);
            Array.Clear(candPot);
            for (int ch = 0; ch < chunks; ch++)
                for (int t = 0; t < trials; t++) candPot[t] += chunkPot[ch * trials + t];
            int best = 0;
            for (int t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t;
            potential = candPot[best];
            var bestDist = dist.AsSpan(best * n, n);
            for (int i = 0; i < n; i++) closest[i] = Math.Min(closest[i], bestDist[i]);
            x.AsSpan(candidates[best] * d, d).CopyTo(centres.AsSpan(c * d, d));
        }
        return centres;
    }

    // Rows [s, e) of every chunk stored column by column: xt[s·d + j·(e − s) + (i − s)] = x[i·d + j].
    private static float[] ChunkTransposed(float[] x, int n, int d)
    {
        var xt = new float[(long)n * d];
        FixedChunks.For(n, RowChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, start, end) =>
        {
            int r = end - start;
            var dst = xt.AsSpan(start * d, r * d);
            for (int i = 0; i < r; i++)
            {
                var row = x.AsSpan((start + i) * d, d);
                for (int j = 0; j < d; j++) dst[j * r + i] = row[j];
            }
        }, workPerItem: d);
        return xt;
    }

    // dist[t·n + i] = ‖x_i − cand_t‖²; pot[chunk·m + t] = Σ_{i in chunk} min(closest_i, dist) (plain sums without closest).
    private static void Distances(float[] xt, int n, int d, ReadOnlySpan<float> candidates, int m, float[] dist, double[]? closest, double[] pot)
    {
        var cand = candidates.ToArray();
        FixedChunks.For(n, RowChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, start, end) =>
        {
            int r = end - start;
            var block = xt.AsSpan(start * d, r * d);
            for (int t = 0; t < m; t++)
            {
                var acc = dist.AsSpan(t * n + start, r);
                acc.Clear();
                for (int j = 0; j < d; j++) AddSquaredDifference(block.Slice(j * r, r), cand[t * d + j], acc);
                double sum = 0;
                if (closest is null) for (int i = 0; i < r; i++) sum += acc[i];
                else for (int i = 0; i < r; i++) sum += Math.Min(closest[start + i], acc[i]);
                pot[chunk * m + t] = sum;
            }
        }, workPerItem: (long)m * d);
    }

    // acc[i] += (column[i] − c)², lanes over rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddSquaredDifference(ReadOnlySpan<float> column, float c, Span<float> acc)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var cv = Vector512.Create(c);
            for (; i <= column.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var t = Vector512.Create(column.Slice(i)) - cv;
                Vector512.FusedMultiplyAdd(t, t, Vector512.Create(acc.Slice(i))).CopyTo(acc.Slice(i));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var cv = Vector256.Create(c);
            for (; i <= column.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var t = Vector256.Create(column.Slice(i)) - cv;
                Vector256.FusedMultiplyAdd(t, t, Vector256.Create(acc.Slice(i))).CopyTo(acc.Slice(i));
            }
        }
        for (; i < column.Length; i++) { float t = column[i] - c; acc[i] = MathF.FusedMultiplyAdd(t, t, acc[i]); }
    }

    // numpy.searchsorted(side='left'): first index with cumulative[i] >= target.
    private static int LowerBound(double[] cumulative, double target)
    {
        int lo = 0, hi = cumulative.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
