using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.Common;

/// <summary>Squared Euclidean distances between row blocks as ‖x‖² − 2x·c + ‖c‖², the cross term through the GEMM kernel.</summary>
internal static class SquaredDistances
{
    /// <summary>Squared norm of every row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RowNorms(ReadOnlySpan<float> x, int n, int d, Span<float> norms)
    {
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }
    }

    /// <summary>
    /// out[i×m + j] = ‖a_i − b_j‖² for a (rows×d) and b (m×d), clamped at zero; cancellation makes tiny negatives possible.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Block(ReadOnlySpan<float> a, ReadOnlySpan<float> aNorms, int rows,
        ReadOnlySpan<float> b, ReadOnlySpan<float> bNorms, int m, int d, Span<float> result)
    {
        Gemm.Multiply(false, true, rows, m, d, a, d, b, d, result, m);
        for (int i = 0; i < rows; i++)
        {
            var r = result.Slice(i * m, m);
            float ai = aNorms[i];
            // r = max(ai + b − 2r, 0)
            TensorPrimitives.MultiplyAdd(r, -2f, bNorms, r);
            TensorPrimitives.Add(r, ai, r);
            TensorPrimitives.Max(r, 0f, r);
        }
    }

    /// <summary>‖a − b‖² computed directly in float64 (for the few places where cancellation matters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Exact(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double t = (double)a[i] - b[i]; s += t * t; }
        return s;
    }
}
