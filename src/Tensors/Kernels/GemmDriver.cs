using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>The cache-blocked GEMM loop nest (Goto/BLIS order) around one micro-kernel.</summary>
/// <remarks>
/// Loops: columns in NC blocks → k in KC blocks (pack B) → rows in MC blocks (pack A) → NR × MR tiles.
/// The k blocking depends only on k, so every element of C sees the same sequence of roundings however the
/// work is split between threads: results are bit-identical with and without parallelism.
/// </remarks>
internal static unsafe class GemmDriver<T, TKernel> where T : unmanaged where TKernel : struct, IGemmMicroKernel<T>
{
    /// <summary>Depth of one packed block; the B micro-panel (KC·NR) is meant to stay in L1.</summary>
    internal const int KC = 256;

    /// <summary>Below this many multiply-adds a second thread costs more than it saves.</summary>
    internal const long ParallelThreshold = 1L << 21;

    private static int MC => TKernel.MR * 24;
    private static int NC => TKernel.NR * 128;

    // With a single row block, B is packed a few panels at a time: one panel per pack read each row of B as a single
    // cache line, a page apart for wide B, which the prefetchers do not follow (64×4096×512 ran at 0.44× PyTorch).
    private const int RowBlockPanels = 4;

    /// <summary>C = op(A)·op(B) (+ C), optionally splitting C's rows or columns between cores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(bool transA, bool transB, int m, int n, int k,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, bool allowParallel)
    {
        if (m == 0 || n == 0) return;
        int threads = allowParallel && (long)m * n * k >= ParallelThreshold ? Environment.ProcessorCount : 1;
        // Each thread packs the whole of the operand it does not split. Scattering packs (A not transposed,
        // B transposed) cost about three contiguous ones, so duplicate whichever is cheaper to pack.
        long duplicateA = (long)m * (transA ? 1 : 3), duplicateB = (long)n * (transB ? 3 : 1);
        bool splitColumns = duplicateA <= duplicateB;
        int unit = splitColumns ? TKernel.NR : TKernel.MR;
        int units = ((splitColumns ? n : m) + unit - 1) / unit;
        int parts = Math.Min(threads, units);
        if (parts <= 1)
        {
            Sequential(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }

        RunParallel(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, splitColumns, unit, units, parts);
    }

    // Kept apart from Run so that the lambda's closure is only allocated when threads are actually used.
    private static void RunParallel(bool transA, bool transB, int m, int n, int k,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, bool splitColumns, int unit, int units, int parts)
    {
        // Pointers cannot be captured by the lambda; carry them as integers.
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        CoreTeam.Run(parts, part =>
        {
            int lo = (int)((long)units * part / parts) * unit;
            int hi = Math.Min((int)((long)units * (part + 1) / parts) * unit, splitColumns ? n : m);
            if (hi <= lo) return;
            T* sa = (T*)pa, sb = (T*)pb, sc = (T*)pc;
            if (splitColumns)
                Sequential(transA, transB, m, hi - lo, k, sa, lda, sb + (transB ? lo * ldb : lo), ldb, sc + lo, ldc, accumulate);
            else
                Sequential(transA, transB, hi - lo, n, k, sa + (transA ? lo : lo * lda), lda, sb, ldb, sc + lo * ldc, ldc, accumulate);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sequential(bool transA, bool transB, int m, int n, int k,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) new Span<T>(c + i * ldc, n).Clear();
            return;
        }
        int mr = TKernel.MR, nr = TKernel.NR;
        int ncMax = m <= MC ? RowBlockPanels * nr : Math.Min(NC, (n + nr - 1) / nr * nr);
        int mcMax = Math.Min(MC, (m + mr - 1) / mr * mr);
        T* packB = GemmBuffers.B<T>(KC * ncMax);
        T* packA = GemmBuffers.A<T>(KC * mcMax);
        T* tile = GemmBuffers.Tile<T>(mr * nr);

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                bool add = accumulate || p0 > 0;
                if (m <= MC)
                {
                    // One row block: each B panel is used once, so pack it just before use while it is hot in L1 (or L2).
                    GemmPacking.PackA(transA, a, lda, 0, p0, m, kc, mr, packA);
                    for (int jb = 0; jb < nc; jb += RowBlockPanels * nr)
                    {
                        int width = Math.Min(RowBlockPanels * nr, nc - jb);
                        GemmPacking.PackB(transB, b, ldb, p0, jc + jb, kc, width, nr, packB);
                        for (int jr = 0; jr < width; jr += nr)
                            Tiles(packA, packB + (nint)jr * kc, kc, m, Math.Min(nr, width - jr), c + jc + jb + jr, ldc, add, tile);
                    }
                    continue;
                }
                GemmPacking.PackB(transB, b, ldb, p0, jc, kc, nc, nr, packB);
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    GemmPacking.PackA(transA, a, lda, ic, p0, mc, kc, mr, packA);
                    for (int jr = 0; jr < nc; jr += nr)
                        Tiles(packA, packB + (nint)jr * kc, kc, mc, Math.Min(nr, nc - jr), c + ic * ldc + jc + jr, ldc, add, tile);
                }
            }
        }
    }

    /// <summary>Elements <see cref="PackWholeA"/> writes for an m×k op(A).</summary>
    public static long PackedALength(int m, int k) => (long)((m + TKernel.MR - 1) / TKernel.MR * TKernel.MR) * k;

    /// <summary>Packs all of op(A), one KC block after another, for <see cref="RunPackedA"/> (an operand used by many products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackWholeA(bool transA, T* a, nint lda, int m, int k, T* dst)
    {
        int padded = (m + TKernel.MR - 1) / TKernel.MR * TKernel.MR;
        for (int p0 = 0; p0 < k; p0 += KC)
            GemmPacking.PackA(transA, a, lda, 0, p0, m, Math.Min(KC, k - p0), TKernel.MR, dst + (nint)p0 * padded);
    }

    /// <summary>C[m×n] = A·B on one thread, A packed by <see cref="PackWholeA"/>; the same roundings as <see cref="Run"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunPackedA(T* packedA, int m, int n, int k, T* b, nint ldb, T* c, nint ldc)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            for (int i = 0; i < m; i++) new Span<T>(c + i * ldc, n).Clear();
            return;
        }
        int nr = TKernel.NR, padded = (m + TKernel.MR - 1) / TKernel.MR * TKernel.MR;
        T* packB = GemmBuffers.B<T>(KC * nr);
        T* tile = GemmBuffers.Tile<T>(TKernel.MR * nr);
        // Each B panel is packed just before use, while it is hot in L1, and meets all of A (which stays in L2).
        for (int p0 = 0; p0 < k; p0 += KC)
        {
            int kc = Math.Min(KC, k - p0);
            for (int jr = 0; jr < n; jr += nr)
            {
                int cols = Math.Min(nr, n - jr);
                GemmPacking.PackB(false, b, ldb, p0, jr, kc, cols, nr, packB);
                Tiles(packedA + (nint)p0 * padded, packB, kc, m, cols, c + jr, ldc, p0 > 0, tile);
            }
        }
    }

    /// <summary>Runs one packed B panel (cols ≤ NR wide) against every MR-row panel of a packed A block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tiles(T* packA, T* bp, int kc, int mc, int cols, T* c, nint ldc, bool add, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* ap = packA + (nint)ir * kc;
            T* ct = c + ir * ldc;
            if (rows == mr && cols == nr)
            {
                TKernel.Run(kc, ap, bp, ct, ldc, add);
                continue;
            }
            TKernel.Run(kc, ap, bp, tile, nr, false);
            StoreEdge(tile, nr, ct, ldc, rows, cols, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StoreEdge(T* tile, int nr, T* c, nint ldc, int rows, int cols, bool add)
    {
        for (int r = 0; r < rows; r++)
        {
            T* src = tile + r * nr;
            T* dst = c + r * ldc;
            if (add)
                for (int j = 0; j < cols; j++) dst[j] = Add(dst[j], src[j]);
            else
                new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(dst, cols));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add(T x, T y)
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)x + (float)(object)y);
        if (typeof(T) == typeof(double)) return (T)(object)((double)(object)x + (double)(object)y);
        throw new NotSupportedException($"GEMM kernels support float and double, not {typeof(T).Name}.");
    }
}
