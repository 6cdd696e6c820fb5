using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Clustering.Hierarchical;

/// <summary>The nearest-neighbour scan of Ward's NN-chain: the cheapest merge partner of one cluster among all positions.</summary>
/// <remarks>
/// Centroids are dimension-major (d rows of <c>capacity</c> positions, capacity a multiple of 8), sizes per position.
/// Four vectors of positions are scanned at once so that four accumulator chains hide the FMA latency. Each lane sums
/// (c_jk − a_k)² by fused multiply-adds in k order, exactly as <c>WardState.Cost</c> does, so a cost found here and one
/// recomputed there are equal bits. Positions whose size is +∞ or NaN (inactive, padding, the cluster itself) cost NaN,
/// which never wins a comparison. Ties go to the lowest position. The 512-bit and 256-bit scans give identical results.
/// </remarks>
internal static class WardScan
{
    /// <summary>The lowest-cost position and its cost, 512-bit vectors (call only where they are accelerated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Cost, int Position) Nearest512(double[] columns, double[] size, int capacity, int d, ReadOnlySpan<double> a, double sa)
    {
        const int w = 8;
        ref double cols = ref columns[0];
        ref double sizes = ref size[0];
        var vsa = Vector512.Create(sa);
        var lane = Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
        Vector512<double> best0 = Vector512.Create(double.PositiveInfinity), best1 = best0, best2 = best0, best3 = best0;
        Vector512<double> at0 = Vector512.Create(-1.0), at1 = at0, at2 = at0, at3 = at0;
        int q = 0;
        for (; q + 4 * w <= capacity; q += 4 * w)
        {
            Vector512<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
            for (int k = 0; k < d; k++)
            {
                var ak = Vector512.Create(a[k]);
                ref double row = ref Unsafe.Add(ref cols, (nint)k * capacity + q);
                var t0 = Vector512.LoadUnsafe(ref row) - ak;
                var t1 = Vector512.LoadUnsafe(ref row, w) - ak;
                var t2 = Vector512.LoadUnsafe(ref row, 2 * w) - ak;
                var t3 = Vector512.LoadUnsafe(ref row, 3 * w) - ak;
                acc0 = Vector512.FusedMultiplyAdd(t0, t0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(t1, t1, acc1);
                acc2 = Vector512.FusedMultiplyAdd(t2, t2, acc2);
                acc3 = Vector512.FusedMultiplyAdd(t3, t3, acc3);
            }
            Keep512(acc0, Vector512.LoadUnsafe(ref sizes, (nuint)q), vsa, lane + Vector512.Create((double)q), ref best0, ref at0);
            Keep512(acc1, Vector512.LoadUnsafe(ref sizes, (nuint)(q + w)), vsa, lane + Vector512.Create((double)(q + w)), ref best1, ref at1);
            Keep512(acc2, Vector512.LoadUnsafe(ref sizes, (nuint)(q + 2 * w)), vsa, lane + Vector512.Create((double)(q + 2 * w)), ref best2, ref at2);
            Keep512(acc3, Vector512.LoadUnsafe(ref sizes, (nuint)(q + 3 * w)), vsa, lane + Vector512.Create((double)(q + 3 * w)), ref best3, ref at3);
        }
        for (; q + w <= capacity; q += w)
        {
            Vector512<double> acc = default;
            for (int k = 0; k < d; k++)
            {
                var t = Vector512.LoadUnsafe(ref Unsafe.Add(ref cols, (nint)k * capacity + q)) - Vector512.Create(a[k]);
                acc = Vector512.FusedMultiplyAdd(t, t, acc);
            }
            Keep512(acc, Vector512.LoadUnsafe(ref sizes, (nuint)q), vsa, lane + Vector512.Create((double)q), ref best0, ref at0);
        }
        Span<double> costs = stackalloc double[4 * w];
        Span<double> positions = stackalloc double[4 * w];
        best0.CopyTo(costs); best1.CopyTo(costs[w..]); best2.CopyTo(costs[(2 * w)..]); best3.CopyTo(costs[(3 * w)..]);
        at0.CopyTo(positions); at1.CopyTo(positions[w..]); at2.CopyTo(positions[(2 * w)..]); at3.CopyTo(positions[(3 * w)..]);
        return Lowest(costs, positions);
    }

    /// <summary>The lowest-cost position and its cost, 256-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Cost, int Position) Nearest256(double[] columns, double[] size, int capacity, int d, ReadOnlySpan<double> a, double sa)
    {
        const int w = 4;
        ref double cols = ref columns[0];
        ref double sizes = ref size[0];
        var vsa = Vector256.Create(sa);
        var lane = Vector256.Create(0.0, 1, 2, 3);
        Vector256<double> best0 = Vector256.Create(double.PositiveInfinity), best1 = best0, best2 = best0, best3 = best0;
        Vector256<double> at0 = Vector256.Create(-1.0), at1 = at0, at2 = at0, at3 = at0;
        int q = 0;
        for (; q + 4 * w <= capacity; q += 4 * w)
        {
            Vector256<double> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
            for (int k = 0; k < d; k++)
            {
                var ak = Vector256.Create(a[k]);
                ref double row = ref Unsafe.Add(ref cols, (nint)k * capacity + q);
                var t0 = Vector256.LoadUnsafe(ref row) - ak;
                var t1 = Vector256.LoadUnsafe(ref row, w) - ak;
                var t2 = Vector256.LoadUnsafe(ref row, 2 * w) - ak;
                var t3 = Vector256.LoadUnsafe(ref row, 3 * w) - ak;
                acc0 = Vector256.FusedMultiplyAdd(t0, t0, acc0);
                acc1 = Vector256.FusedMultiplyAdd(t1, t1, acc1);
                acc2 = Vector256.FusedMultiplyAdd(t2, t2, acc2);
                acc3 = Vector256.FusedMultiplyAdd(t3, t3, acc3);
            }
            Keep256(acc0, Vector256.LoadUnsafe(ref sizes, (nuint)q), vsa, lane + Vector256.Create((double)q), ref best0, ref at0);
            Keep256(acc1, Vector256.LoadUnsafe(ref sizes, (nuint)(q + w)), vsa, lane + Vector256.Create((double)(q + w)), ref best1, ref at1);
            Keep256(acc2, Vector256.LoadUnsafe(ref sizes, (nuint)(q + 2 * w)), vsa, lane + Vector256.Create((double)(q + 2 * w)), ref best2, ref at2);
            Keep256(acc3, Vector256.LoadUnsafe(ref sizes, (nuint)(q + 3 * w)), vsa, lane + Vector256.Create((double)(q + 3 * w)), ref best3, ref at3);
        }
        for (; q + w <= capacity; q += w)
        {
            Vector256<double> acc = default;
            for (int k = 0; k < d; k++)
            {
                var t = Vector256.LoadUnsafe(ref Unsafe.Add(ref cols, (nint)k * capacity + q)) - Vector256.Create(a[k]);
                acc = Vector256.FusedMultiplyAdd(t, t, acc);
            }
            Keep256(acc, Vector256.LoadUnsafe(ref sizes, (nuint)q), vsa, lane + Vector256.Create((double)q), ref best0, ref at0);
        }
        Span<double> costs = stackalloc double[4 * w];
        Span<double> positions = stackalloc double[4 * w];
        best0.CopyTo(costs); best1.CopyTo(costs[w..]); best2.CopyTo(costs[(2 * w)..]); best3.CopyTo(costs[(3 * w)..]);
        at0.CopyTo(positions); at1.CopyTo(positions[w..]); at2.CopyTo(positions[(2 * w)..]); at3.CopyTo(positions[(3 * w)..]);
        return Lowest(costs, positions);
    }

    // cost = ‖c − a‖²·(sa·sj / (sa + sj)); a lane keeps its first strictly lower cost, so ties stay at the lower position.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep512(Vector512<double> acc, Vector512<double> sj, Vector512<double> sa, Vector512<double> position,
        ref Vector512<double> best, ref Vector512<double> at)
    {
        var cost = acc * (sa * sj / (sa + sj));
        var better = Vector512.LessThan(cost, best);
        best = Vector512.ConditionalSelect(better, cost, best);
        at = Vector512.ConditionalSelect(better, position, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep256(Vector256<double> acc, Vector256<double> sj, Vector256<double> sa, Vector256<double> position,
        ref Vector256<double> best, ref Vector256<double> at)
    {
        var cost = acc * (sa * sj / (sa + sj));
        var better = Vector256.LessThan(cost, best);
        best = Vector256.ConditionalSelect(better, cost, best);
        at = Vector256.ConditionalSelect(better, position, at);
    }

    // The lowest cost over all lanes, the lowest position among equal costs.
    private static (double Cost, int Position) Lowest(ReadOnlySpan<double> costs, ReadOnlySpan<double> positions)
    {
        double best = double.PositiveInfinity;
        int bestAt = -1;
        for (int i = 0; i < costs.Length; i++)
        {
            int p = (int)positions[i];
            if (p >= 0 && (costs[i] < best || (costs[i] == best && p < bestAt))) { best = costs[i]; bestAt = p; }
        }
        return (best, bestAt);
    }
}
