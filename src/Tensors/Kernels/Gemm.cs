using System.Numerics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>General matrix multiply on row-major spans: C = op(A)·op(B) (+ C when accumulating).</summary>
/// <remarks>op(A) is m×k and op(B) is k×n; a transposed operand is read in place, never materialised.</remarks>
public static class Gemm
{
    /// <summary>C[m×n] = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is set.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GemmReference.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}
