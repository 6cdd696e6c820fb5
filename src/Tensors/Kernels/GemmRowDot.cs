using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>C = A·Bᵀ (+ C) for a small C and a long k, as blocks of dot products over rows read in place.</summary>
/// <remarks>
/// A convolution's weight gradient with few channels is such a product (e.g. 32×16 outputs over 32 768 pixels):
/// packing both operands for the register-tiled kernel would cost more than the arithmetic. Here every 4×4 block of
/// C streams four rows of A and four of B through 16 vector accumulators, k in L2-sized steps. Each element's sum
/// runs in a fixed order and threads split C's rows, so results do not depend on the number of threads.
/// </remarks>
internal static unsafe class GemmRowDot
{
    // Depth of one step: four rows of A and of B (8 · 1024 floats) stay in L1/L2 while all blocks use them.
    private const int KStep = 1024;

    /// <summary>When the product is better served by dot products than by the packed kernel: a small C and a deep k.</summary>
    public static bool Suits(bool transA, bool transB, int m, int n, int k) =>
        !transA && transB && (long)m * n <= 4096 && k >= 8 * Math.Max(m, n) && k >= 256;

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ, or C += that when <paramref name="accumulate"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int m, int n, int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, bool allowParallel)
        where T : unmanaged, INumberBase<T>
    {
        if (!accumulate)
            for (int i = 0; i < m; i++) new Span<T>(c + i * ldc, n).Clear();
        int blocks = (m + 3) / 4;
        int parts = allowParallel && (long)m * n * k >= GemmDriver<T, GemmKernel256<T>>.ParallelThreshold
            ? Math.Min(Environment.ProcessorCount, blocks) : 1;
        if (parts <= 1)
        {
            Rows(0, m, n, k, a, lda, b, ldb, c, ldc);
            return;
        }
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        CoreTeam.Run(parts, part =>
        {
            int lo = (int)((long)blocks * part / parts) * 4, hi = Math.Min((int)((long)blocks * (part + 1) / parts) * 4, m);
            Rows(lo, hi, n, k, (T*)pa, lda, (T*)pb, ldb, (T*)pc, ldc);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(int i0, int i1, int n, int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc)
        where T : unmanaged, INumberBase<T>
    {
        for (int p0 = 0; p0 < k; p0 += KStep)
        {
            int kc = Math.Min(KStep, k - p0);
            for (int i = i0; i < i1; i += 4)
                for (int j = 0; j < n; j += 4)
                {
                    T* ai = a + i * lda + p0, bj = b + j * ldb + p0, cij = c + i * ldc + j;
                    int rows = Math.Min(4, i1 - i), cols = Math.Min(4, n - j);
                    if (rows == 4 && cols == 4)
                    {
                        Block4x4(kc, ai, lda, bj, ldb, cij, ldc);
                        continue;
                    }
                    for (int r = 0; r < rows; r++)
                        for (int q = 0; q < cols; q++)
                            cij[r * ldc + q] += Dot(kc, ai + r * lda, bj + q * ldb);
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4<T>(int kc, T* a, nint lda, T* b, nint ldb, T* c, nint ldc) where T : unmanaged, INumberBase<T>
    {
        Vector256<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<T> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        int w = Vector256<T>.Count, p = 0;
        for (; p <= kc - w; p += w)
        {
            var a0 = Vector256.Load(a + p);
            var a1 = Vector256.Load(a + lda + p);
            var a2 = Vector256.Load(a + 2 * lda + p);
            var a3 = Vector256.Load(a + 3 * lda + p);
            var b0 = Vector256.Load(b + p);
            c00 = Fma(a0, b0, c00); c10 = Fma(a1, b0, c10); c20 = Fma(a2, b0, c20); c30 = Fma(a3, b0, c30);
            var b1 = Vector256.Load(b + ldb + p);
            c01 = Fma(a0, b1, c01); c11 = Fma(a1, b1, c11); c21 = Fma(a2, b1, c21); c31 = Fma(a3, b1, c31);
            var b2 = Vector256.Load(b + 2 * ldb + p);
            c02 = Fma(a0, b2, c02); c12 = Fma(a1, b2, c12); c22 = Fma(a2, b2, c22); c32 = Fma(a3, b2, c32);
            var b3 = Vector256.Load(b + 3 * ldb + p);
            c03 = Fma(a0, b3, c03); c13 = Fma(a1, b3, c13); c23 = Fma(a2, b3, c23); c33 = Fma(a3, b3, c33);
        }
        Store(c, c00, c01, c02, c03, kc, p, a, b, ldb);
        Store(c + ldc, c10, c11, c12, c13, kc, p, a + lda, b, ldb);
        Store(c + 2 * ldc, c20, c21, c22, c23, kc, p, a + 2 * lda, b, ldb);
        Store(c + 3 * ldc, c30, c31, c32, c33, kc, p, a + 3 * lda, b, ldb);
    }

    // Adds one row of four finished sums (vector lanes, then the scalar tail from p on) into C.
    private static void Store<T>(T* c, Vector256<T> s0, Vector256<T> s1, Vector256<T> s2, Vector256<T> s3, int kc, int p, T* a, T* b, nint ldb)
        where T : unmanaged, INumberBase<T>
    {
        c[0] += Vector256.Sum(s0) + Tail(kc, p, a, b);
        c[1] += Vector256.Sum(s1) + Tail(kc, p, a, b + ldb);
        c[2] += Vector256.Sum(s2) + Tail(kc, p, a, b + 2 * ldb);
        c[3] += Vector256.Sum(s3) + Tail(kc, p, a, b + 3 * ldb);
    }

    private static T Dot<T>(int kc, T* a, T* b) where T : unmanaged, INumberBase<T>
    {
        Vector256<T> s = default;
        int w = Vector256<T>.Count, p = 0;
        for (; p <= kc - w; p += w) s = Fma(Vector256.Load(a + p), Vector256.Load(b + p), s);
        return Vector256.Sum(s) + Tail(kc, p, a, b);
    }

    private static T Tail<T>(int kc, int p, T* a, T* b) where T : unmanaged, INumberBase<T>
    {
        T s = T.Zero;
        for (; p < kc; p++) s += a[p] * b[p];
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        return x * y + acc;
    }
}
