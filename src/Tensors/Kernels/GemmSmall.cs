using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>C = op(A)·op(B) (+ C) for tiny products (an MLP layer of a few dozen units), without the packed driver.</summary>
/// <remarks>
/// At 32×40×64 the packed kernel spends as long on packing, scratch lookups and edge tiles as on arithmetic. Here
/// op(B) is copied once into a zero-padded stack buffer (transposed when B is), A is read in place through its two
/// strides, and register tiles of C are stored with their ragged edge written element by element.
/// Order: every C[i,j] is s = 0; for p = 0..k-1 in order: s = fma(op(A)[i,p], op(B)[p,j], s); then C = s, or
/// C = C + s when accumulating (as the packed kernel does within one KC block). Single-threaded, so results do not depend on the number of threads.
/// </remarks>
internal static unsafe class GemmSmall
{
    // op(B) padded to whole vectors must fit this stack buffer (L1/L2-sized). Reading a plain B in place instead was
    // slower where its row stride is a multiple of 4 KiB (32×2048×16: 0.041 vs 0.027 ms): its rows fight over L1 sets.
    private const int MaxBufferBytes = 64 * 1024;
    // Measured faster than the packed kernel for every fitting shape tried below this (e.g. 512×40×64: 0.031 vs
    // 0.054 ms, 64×256×64: 0.020 vs 0.025 ms); from here on the packed kernel runs on all cores.
    private const long MaxWork = GemmDriver<float, GemmKernel512<float>>.ParallelThreshold;

    /// <summary>Whether this kernel is used for an m×n×k product of T under <see cref="GemmPath.Auto"/>.</summary>
    /// <remarks>k within one packed depth block: there the packed kernel sums in the same order, so Auto's results
    /// (and <see cref="Gemm.MultiplyPacked{T}"/>'s bit-identity with them) do not change with the path.</remarks>
    public static bool Suits<T>(int m, int n, int k) where T : unmanaged =>
        IsSupported<T>() && k > 0 && k <= GemmDriver<T, GemmKernel512<T>>.KC && (long)m * n * k < MaxWork && PaddedWidth<T>(n) * (long)k * sizeof(T) <= MaxBufferBytes;

    /// <summary>Whether the kernel can run for T on this machine (512-bit vectors of T).</summary>
    public static bool IsSupported<T>() where T : unmanaged => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;

    /// <summary>Whether op(B) of a k×n product fits the stack buffer (a forced <see cref="GemmPath.Small"/> needs it).</summary>
    public static bool Fits<T>(int n, int k) where T : unmanaged => PaddedWidth<T>(n) * (long)k * sizeof(T) <= MaxBufferBytes;

    private static long PaddedWidth<T>(int n) where T : unmanaged => ((long)n + Vector512<T>.Count - 1) / Vector512<T>.Count * Vector512<T>.Count;

    /// <summary>C[m×n] = op(A)·op(B), or C += that when <paramref name="accumulate"/> is set; requires <see cref="Fits{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
        where T : unmanaged, INumberBase<T>
    {
        int w = Vector512<T>.Count, np = (int)PaddedWidth<T>(n);
        byte* raw = stackalloc byte[np * k * sizeof(T) + 64];
        T* bp = (T*)(((nint)raw + 63) & ~(nint)63);
        PackB(transB, n, k, b, ldb, bp, np);
        nint ars = transA ? 1 : lda, acs = transA ? lda : 1;
        for (int j = 0; j < np; )
        {
            if (j + 2 * w <= np)
            {
                for (int i = 0; i < m; i += 4)
                    Tile4x2(k, a + i * ars, ars, acs, Math.Min(4, m - i), bp + j, np, c + i * ldc + j, ldc, n - j, accumulate);
                j += 2 * w;
            }
            else
            {
                for (int i = 0; i < m; i += 8)
                    Tile8x1(k, a + i * ars, ars, acs, Math.Min(8, m - i), bp + j, np, c + i * ldc + j, ldc, n - j, accumulate);
                j += w;
            }
        }
    }

    // Row p of op(B) goes to bp + p·np, zeros after column n so whole-vector loads never see stale stack bytes.
    private static void PackB<T>(bool transB, int n, int k, T* b, nint ldb, T* bp, int np) where T : unmanaged, INumberBase<T>
    {
        for (int p = 0; p < k; p++)
        {
            T* dst = bp + (nint)p * np;
            if (!transB) new ReadOnlySpan<T>(b + p * ldb, n).CopyTo(new Span<T>(dst, n));
            else for (int j = 0; j < n; j++) dst[j] = b[j * ldb + p];
            for (int j = n; j < np; j++) dst[j] = T.Zero;
        }
    }

    // Rows past `rows` re-read row 0 of the tile (always valid) and are never stored, so the loop has no branches.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<T>(int k, T* a, nint ars, nint acs, int rows, T* b, int np, T* c, nint ldc, int cols, bool add)
        where T : unmanaged, INumberBase<T>
    {
        int w = Vector512<T>.Count;
        T* a0 = a, a1 = rows > 1 ? a + ars : a, a2 = rows > 2 ? a + 2 * ars : a, a3 = rows > 3 ? a + 3 * ars : a;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            nint o = p * acs;
            var x0 = Vector512.Create(a0[o]);
            c00 = VectorFma.Fma(x0, b0, c00); c01 = VectorFma.Fma(x0, b1, c01);
            var x1 = Vector512.Create(a1[o]);
            c10 = VectorFma.Fma(x1, b0, c10); c11 = VectorFma.Fma(x1, b1, c11);
            var x2 = Vector512.Create(a2[o]);
            c20 = VectorFma.Fma(x2, b0, c20); c21 = VectorFma.Fma(x2, b1, c21);
            var x3 = Vector512.Create(a3[o]);
            c30 = VectorFma.Fma(x3, b0, c30); c31 = VectorFma.Fma(x3, b1, c31);
            b += np;
        }
        Store(c, c00, cols, add); Store(c + w, c01, cols - w, add);
        if (rows > 1) { Store(c + ldc, c10, cols, add); Store(c + ldc + w, c11, cols - w, add); }
        if (rows > 2) { Store(c + 2 * ldc, c20, cols, add); Store(c + 2 * ldc + w, c21, cols - w, add); }
        if (rows > 3) { Store(c + 3 * ldc, c30, cols, add); Store(c + 3 * ldc + w, c31, cols - w, add); }
    }

    // One vector of columns (the last, or only, chunk): eight rows keep eight independent FMA chains in flight.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x1<T>(int k, T* a, nint ars, nint acs, int rows, T* b, int np, T* c, nint ldc, int cols, bool add)
        where T : unmanaged, INumberBase<T>
    {
        T* a0 = a, a1 = rows > 1 ? a + ars : a, a2 = rows > 2 ? a + 2 * ars : a, a3 = rows > 3 ? a + 3 * ars : a;
        T* a4 = rows > 4 ? a + 4 * ars : a, a5 = rows > 5 ? a + 5 * ars : a, a6 = rows > 6 ? a + 6 * ars : a, a7 = rows > 7 ? a + 7 * ars : a;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b);
            nint o = p * acs;
            c0 = VectorFma.Fma(Vector512.Create(a0[o]), b0, c0);
            c1 = VectorFma.Fma(Vector512.Create(a1[o]), b0, c1);
            c2 = VectorFma.Fma(Vector512.Create(a2[o]), b0, c2);
            c3 = VectorFma.Fma(Vector512.Create(a3[o]), b0, c3);
            c4 = VectorFma.Fma(Vector512.Create(a4[o]), b0, c4);
            c5 = VectorFma.Fma(Vector512.Create(a5[o]), b0, c5);
            c6 = VectorFma.Fma(Vector512.Create(a6[o]), b0, c6);
            c7 = VectorFma.Fma(Vector512.Create(a7[o]), b0, c7);
            b += np;
        }
        Store(c, c0, cols, add);
        if (rows > 1) Store(c + ldc, c1, cols, add);
        if (rows > 2) Store(c + 2 * ldc, c2, cols, add);
        if (rows > 3) Store(c + 3 * ldc, c3, cols, add);
        if (rows > 4) Store(c + 4 * ldc, c4, cols, add);
        if (rows > 5) Store(c + 5 * ldc, c5, cols, add);
        if (rows > 6) Store(c + 6 * ldc, c6, cols, add);
        if (rows > 7) Store(c + 7 * ldc, c7, cols, add);
    }

    // Writes the first `cols` lanes (all when cols ≥ width): C's gap beyond n belongs to the caller.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* dst, Vector512<T> v, int cols, bool add) where T : unmanaged, INumberBase<T>
    {
        int w = Vector512<T>.Count;
        if (cols >= w)
        {
            Vector512.Store(add ? Vector512.Load(dst) + v : v, dst);
            return;
        }
        for (int q = 0; q < cols; q++) dst[q] = add ? dst[q] + v.GetElement(q) : v.GetElement(q);
    }
}
