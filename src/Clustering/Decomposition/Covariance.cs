using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MusicCluster.Clustering.Common;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.Decomposition;

/// <summary>Scatter matrix Σ (x_i − mean)ᵀ(x_i − mean) of float32 rows, accumulated in float64 through the GEMM kernel.</summary>
internal static class Covariance
{
    /// <summary>Rows per parallel work item (more for very wide inputs); every item keeps its own d×d partial, combined in item order.</summary>
    public const int RowGroup = 4096;

    /// <summary>Most float64 values the per-group partial matrices may hold together (64 MB).</summary>
    private const long PartialBudget = 8L << 20;

    /// <summary>The d×d scatter of the n×d matrix at <paramref name="xp"/> (not divided by n − 1).</summary>
    /// <remarks>
    /// Groups are fixed by n alone and summed in order, so the result is bit-identical on any core count. Within a group,
    /// rows are centred in float64 a few at a time and each small GEMM stays below the kernel's own threading threshold,
    /// so the two cores split groups rather than every product.
    /// </remarks>
    public static unsafe double[] Centred(nint xp, int n, int d, double[] mean)
    {
        int sub = Math.Clamp((1 << 20) / (d * d), 8, 64);
        // Wide inputs get fewer, larger groups so that the d×d partials stay within PartialBudget values in all.
        int maxGroups = (int)Math.Max(1, PartialBudget / ((long)d * d));
        int groupRows = Math.Max(RowGroup, (n + maxGroups - 1) / maxGroups);
        int groups = FixedChunks.Count(n, groupRows);
        var partial = new double[groups][];
        FixedChunks.For(n, groupRows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (g, start, end) =>
        {
            var acc = new double[d * d];
            var block = new double[sub * d];
            for (int s = start; s < end; s += sub)
            {
                int r = Math.Min(sub, end - s);
                var src = new ReadOnlySpan<float>((float*)xp + (long)s * d, r * d);
                var dst = block.AsSpan(0, r * d);
                TensorPrimitives.ConvertChecked<float, double>(src, dst);
                for (int i = 0; i < r; i++) TensorPrimitives.Subtract(dst.Slice(i * d, d), mean, dst.Slice(i * d, d));
                Gemm.Multiply(true, false, d, d, r, dst, d, dst, d, acc, d, accumulate: s > start);
            }
            partial[g] = acc;
        }, workPerItem: (long)d * d);
        var cov = partial[0];
        for (int g = 1; g < groups; g++) TensorPrimitives.Add(cov, partial[g], cov);
        return cov;
    }
}
