using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
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

    /// <summary>‖a − b‖² summed directly in float32 SIMD lanes (no cancellation; for short rows against few centres).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Direct(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float s = 0;
        if (Vector512.IsHardwareAccelerated && a.Length >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= a.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var t = Vector512.Create(a.Slice(i)) - Vector512.Create(b.Slice(i));
                acc = Vector512.FusedMultiplyAdd(t, t, acc);
            }
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= a.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var t = Vector256.Create(a.Slice(i)) - Vector256.Create(b.Slice(i));
                acc = Vector256.FusedMultiplyAdd(t, t, acc);
            }
            s = Vector256.Sum(acc);
        }
        for (; i < a.Length; i++) { float t = a[i] - b[i]; s += t * t; }
        return s;
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
