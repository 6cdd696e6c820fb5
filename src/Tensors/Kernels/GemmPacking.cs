using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the micro-kernels stream.</summary>
/// <remarks>The transpose flags are resolved here, so the micro-kernel sees one layout whatever the operands' storage.</remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc] into MR-row panels: panel q holds element (r, p) at q·MR·kc + p·MR + r.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(bool transA, T* a, nint lda, int i0, int p0, int mc, int kc, int mr, T* dst) where T : unmanaged
    {
        for (int q = 0; q < mc; q += mr)
        {
            int rows = Math.Min(mr, mc - q);
            T* panel = dst + (nint)q * kc;
            if (transA)
            {
                // op(A)(i, p) = a[p·lda + i]: each k step is a contiguous run of rows.
                T* src = a + (nint)p0 * lda + i0 + q;
                if (rows == 6 && mr == 6)
                {
                    // A full panel of the usual MR: one fixed-size copy per step, which the JIT unrolls into two moves.
                    for (int p = 0; p < kc; p++, src += lda, panel += 6)
                        Unsafe.CopyBlockUnaligned(panel, src, (uint)(6 * sizeof(T)));
                    continue;
                }
                // A few elements per step: a plain loop, not a memmove call each.
                for (int p = 0; p < kc; p++, src += lda, panel += mr)
                {
                    for (int r = 0; r < rows; r++) panel[r] = src[r];
                    for (int r = rows; r < mr; r++) panel[r] = default;
                }
            }
            else
            {
                // op(A)(i, p) = a[i·lda + p]: gather one element from each of the MR rows per k step, so the
                // writes stay sequential and the MR source lines stay in L1.
                T* src = a + (nint)(i0 + q) * lda + p0;
                if (rows == 6 && mr == 6)
                {
                    // Unrolled for the usual MR: the loop over rows cost more than the six moves (randomized PCA spent
                    // a third of its time packing X).
                    T* s0 = src, s1 = src + lda, s2 = src + 2 * lda, s3 = src + 3 * lda, s4 = src + 4 * lda, s5 = src + 5 * lda;
                    for (int p = 0; p < kc; p++, panel += 6)
                    {
                        panel[0] = s0[p]; panel[1] = s1[p]; panel[2] = s2[p];
                        panel[3] = s3[p]; panel[4] = s4[p]; panel[5] = s5[p];
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++, panel += mr)
                {
                    T* s = src + p;
                    for (int r = 0; r < rows; r++) panel[r] = s[r * lda];
                    for (int r = rows; r < mr; r++) panel[r] = default;
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into NR-column panels: panel q holds element (p, j) at q·NR·kc + p·NR + j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(bool transB, T* b, nint ldb, int p0, int j0, int kc, int nc, int nr, T* dst) where T : unmanaged
    {
        for (int q = 0; q < nc; q += nr)
        {
            int cols = Math.Min(nr, nc - q);
            T* panel = dst + (nint)q * kc;
            if (transB)
            {
                // op(B)(p, j) = b[j·ldb + p]: transpose 16 k steps at a time, so each source line is read once
                // while the 16 destination rows it feeds stay in L1 (NR columns at a power-of-two ldb would
                // otherwise fight over a few cache sets).
                T* src = b + (nint)(j0 + q) * ldb + p0;
                if (typeof(T) == typeof(float) && Avx.IsSupported && cols == nr && nr % 8 == 0)
                {
                    PackTransposedFloat((float*)src, ldb, kc, nr, (float*)panel);
                    continue;
                }
                for (int pb = 0; pb < kc; pb += 16)
                {
                    int pe = Math.Min(pb + 16, kc);
                    for (int j = 0; j < cols; j++)
                    {
                        T* s = src + j * ldb;
                        for (int p = pb; p < pe; p++) panel[p * nr + j] = s[p];
                    }
                    for (int j = cols; j < nr; j++)
                        for (int p = pb; p < pe; p++) panel[p * nr + j] = default;
                }
            }
            else
            {
                // op(B)(p, j) = b[p·ldb + j]: each k step is a contiguous run of columns.
                T* src = b + (nint)p0 * ldb + j0 + q;
                if (cols == nr && nr % Vector256<T>.Count == 0)
                {
                    // Full panels are the common case: a few vector moves per row instead of a memmove call.
                    for (int p = 0; p < kc; p++, src += ldb, panel += nr)
                        for (int j = 0; j < nr; j += Vector256<T>.Count)
                            Vector256.Store(Vector256.Load(src + j), panel + j);
                    continue;
                }
                for (int p = 0; p < kc; p++, src += ldb, panel += nr)
                {
                    new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(panel, cols));
                    if (cols < nr) new Span<T>(panel + cols, nr - cols).Clear();
                }
            }
        }
    }

    // A full panel of op(B) = Bᵀ for float: 8×8 blocks transposed in registers (unpack, shuffle, lane permute),
    // so each source row is read as vectors and each panel row written as vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackTransposedFloat(float* src, nint ldb, int kc, int nr, float* panel)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
            for (int j = 0; j < nr; j += 8)
            {
                float* s = src + j * ldb + p;
                var t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + ldb));
                var t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + ldb));
                var t2 = Avx.UnpackLow(Avx.LoadVector256(s + 2 * ldb), Avx.LoadVector256(s + 3 * ldb));
                var t3 = Avx.UnpackHigh(Avx.LoadVector256(s + 2 * ldb), Avx.LoadVector256(s + 3 * ldb));
                var t4 = Avx.UnpackLow(Avx.LoadVector256(s + 4 * ldb), Avx.LoadVector256(s + 5 * ldb));
                var t5 = Avx.UnpackHigh(Avx.LoadVector256(s + 4 * ldb), Avx.LoadVector256(s + 5 * ldb));
                var t6 = Avx.UnpackLow(Avx.LoadVector256(s + 6 * ldb), Avx.LoadVector256(s + 7 * ldb));
                var t7 = Avx.UnpackHigh(Avx.LoadVector256(s + 6 * ldb), Avx.LoadVector256(s + 7 * ldb));
                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                float* d = panel + (nint)p * nr + j;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(d + nr, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(d + 2 * nr, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(d + 3 * nr, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(d + 4 * nr, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(d + 5 * nr, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(d + 6 * nr, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(d + 7 * nr, Avx.Permute2x128(u3, u7, 0x31));
            }
        for (; p < kc; p++)
            for (int j = 0; j < nr; j++) panel[(nint)p * nr + j] = src[j * ldb + p];
    }
}
