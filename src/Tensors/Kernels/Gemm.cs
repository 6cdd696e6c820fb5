using System.Runtime.CompilerServices;
using System.Numerics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>General matrix multiply on row-major spans: C = op(A)·op(B) (+ C when accumulating).</summary>
/// <remarks>op(A) is m×k and op(B) is k×n; a transposed operand is read in place, never materialised.
/// float and double run a packed, cache-blocked SIMD kernel (on all cores when large); other types the reference loop.</remarks>
public static class Gemm
{
    /// <summary>C[m×n] = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is set.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyWith(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, GemmPath.Auto, allowParallel: true);

    /// <summary>As the public overload, with the kernel and the use of threads chosen by the caller (tests, nested parallel loops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void MultiplyWith<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate,
        GemmPath path, bool allowParallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        bool rowDot = path == GemmPath.Auto && GemmRowDot.Suits(transA, transB, m, n, k);
        bool small = (path == GemmPath.Auto && !rowDot && GemmSmall.Suits<T>(m, n, k))
            || (path == GemmPath.Small && GemmSmall.IsSupported<T>() && GemmSmall.Fits<T>(n, k));
        if (path == GemmPath.Small) path = GemmPath.Auto;
        if (path == GemmPath.Auto)
            path = typeof(T) != typeof(float) && typeof(T) != typeof(double) ? GemmPath.Reference
                : GemmKernel512<T>.IsSupported ? GemmPath.Vector512
                : GemmKernel256<T>.IsSupported ? GemmPath.Vector256
                : GemmPath.Reference;
        if (path == GemmPath.Reference || (typeof(T) != typeof(float) && typeof(T) != typeof(double)))
        {
            GemmReference.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (small)
                GemmSmall.Run(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
            else if (rowDot)
                GemmRowDot.Run(m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate, allowParallel);
            else if (path == GemmPath.Vector512)
                GemmDriver<T, GemmKernel512<T>>.Run(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate, allowParallel);
            else
                GemmDriver<T, GemmKernel256<T>>.Run(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate, allowParallel);
        }
    }

    /// <summary>Whether <see cref="PackA{T}"/> and <see cref="MultiplyPacked{T}"/> have a SIMD kernel for T here.</summary>
    internal static bool CanPack<T>() where T : unmanaged =>
        (typeof(T) == typeof(float) || typeof(T) == typeof(double)) && (GemmKernel512<T>.IsSupported || GemmKernel256<T>.IsSupported);

    /// <summary>Elements of the packed form of an m×k op(A).</summary>
    internal static long PackedLength<T>(int m, int k) where T : unmanaged =>
        GemmKernel512<T>.IsSupported ? GemmDriver<T, GemmKernel512<T>>.PackedALength(m, k) : GemmDriver<T, GemmKernel256<T>>.PackedALength(m, k);

    /// <summary>Packs op(A) (m×k) once, for many <see cref="MultiplyPacked{T}"/> calls (requires <see cref="CanPack{T}"/>).</summary>
    internal static unsafe void PackA<T>(bool transA, int m, int k, ReadOnlySpan<T> a, int lda, Span<T> packed) where T : unmanaged
    {
        CheckOperand("A", transA ? k : m, transA ? m : k, a.Length, lda, transA);
        if (packed.Length < PackedLength<T>(m, k)) throw new ArgumentException("GEMM: packed A buffer too small.");
        if (m == 0 || k == 0) return;
        fixed (T* pa = a)
        fixed (T* pp = packed)
        {
            if (GemmKernel512<T>.IsSupported) GemmDriver<T, GemmKernel512<T>>.PackWholeA(transA, pa, lda, m, k, pp);
            else GemmDriver<T, GemmKernel256<T>>.PackWholeA(transA, pa, lda, m, k, pp);
        }
    }

    /// <summary>C[m×n] = A·B[k×n] on the calling thread, A packed by <see cref="PackA{T}"/>; bit-identical to <see cref="Multiply{T}"/>.</summary>
    internal static unsafe void MultiplyPacked<T>(ReadOnlySpan<T> packedA, int m, int n, int k, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
        where T : unmanaged
    {
        if (packedA.Length < PackedLength<T>(m, k)) throw new ArgumentException("GEMM: packed A buffer too small.");
        CheckOperand("B", k, n, b.Length, ldb, false);
        CheckOperand("C", m, n, c.Length, ldc, false);
        fixed (T* pa = packedA)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (GemmKernel512<T>.IsSupported) GemmDriver<T, GemmKernel512<T>>.RunPackedA(pa, m, n, k, pb, ldb, pc, ldc);
            else GemmDriver<T, GemmKernel256<T>>.RunPackedA(pa, m, n, k, pb, ldb, pc, ldc);
        }
    }

    // The fast path reads through raw pointers, so every bound is checked here, once, before any access.
    private static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"GEMM sizes must be non-negative: m={m}, n={n}, k={k}.");
        CheckOperand("A", transA ? k : m, transA ? m : k, aLength, lda, transA);
        CheckOperand("B", transB ? n : k, transB ? k : n, bLength, ldb, transB);
        CheckOperand("C", m, n, cLength, ldc, false);
    }

    private static void CheckOperand(string name, int rows, int cols, int length, int ld, bool transposed)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < cols)
            throw new ArgumentException($"GEMM: leading dimension of {name} is {ld}, smaller than its stored width {cols}{(transposed ? " (transposed)" : "")}.");
        long needed = (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"GEMM: {name} is stored as {rows}×{cols} with leading dimension {ld} and needs {needed} elements, but has {length}.");
    }
}

/// <summary>Which GEMM implementation runs.</summary>
internal enum GemmPath
{
    /// <summary>The widest accelerated kernel for the element type, or dot products for a small C with a deep k.</summary>
    Auto,
    /// <summary>The triple loop.</summary>
    Reference,
    /// <summary>The 256-bit micro-kernel.</summary>
    Vector256,
    /// <summary>The 512-bit micro-kernel.</summary>
    Vector512,
    /// <summary>The unpacked kernel for tiny products (GemmSmall) where op(B) fits its buffer, else as Auto.</summary>
    Small,
}
