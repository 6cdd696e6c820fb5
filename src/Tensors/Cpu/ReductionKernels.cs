using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;

namespace MusicCluster.Tensors;

/// <summary>Reductions over the middle axis of a contiguous [outer, reduce, inner] array.</summary>
internal static class ReductionKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce<T>(ReduceOp op, T[] x, int outer, int reduce, int inner, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            int baseX = o * reduce * inner;
            if (inner == 1)
            {
                var row = x.AsSpan(baseX, reduce);
                y[o] = op == ReduceOp.Sum ? TensorPrimitives.Sum<T>(row) : reduce == 0 ? T.NegativeInfinity : TensorPrimitives.Max<T>(row);
                continue;
            }
            var dst = y.AsSpan(o * inner, inner);
            if (reduce == 0) { dst.Fill(op == ReduceOp.Sum ? T.Zero : T.NegativeInfinity); continue; }
            x.AsSpan(baseX, inner).CopyTo(dst);
            for (int r = 1; r < reduce; r++)
            {
                var src = x.AsSpan(baseX + r * inner, inner);
                if (op == ReduceOp.Sum) TensorPrimitives.Add(dst, src, dst);
                else TensorPrimitives.Max(dst, src, dst);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ArgMax<T>(T[] x, int outer, int reduce, int inner, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0, baseX = o * reduce * inner + i;
                T bestValue = x[baseX];
                for (int r = 1; r < reduce; r++)
                {
                    T v = x[baseX + r * inner];
                    // NaN wins, as in PyTorch: a NaN anywhere makes it the argmax.
                    if (T.IsNaN(bestValue)) break;
                    if (v > bestValue || T.IsNaN(v)) { bestValue = v; best = r; }
                }
                y[o * inner + i] = T.CreateTruncating(best);
            }
    }
}
