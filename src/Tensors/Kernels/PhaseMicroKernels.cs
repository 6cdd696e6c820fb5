using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicCluster.Tensors.Kernels;

/// <summary>The register-tiled inner loops of <see cref="PhaseConvolution"/>: MR = 6 result rows by 32 pixels (or 32
/// output channels) with AVX-512, by 16 with AVX2, accumulators in registers across the whole k loop, as
/// <see cref="GemmKernel512{T}"/> and <see cref="GemmKernel256{T}"/>.</summary>
internal static unsafe class PhaseMicroKernels
{
    internal const int MR = 6;

    /// <summary>The widest tile of any kernel here (scratch for edge tiles is sized by it).</summary>
    internal const int MaxTilePixels = 32;

    /// <summary>Whether a kernel runs here: AVX-512F, or AVX2 with FMA.</summary>
    public static bool IsSupported => Avx512F.IsSupported || (Avx2.IsSupported && Fma.IsSupported);

    /// <summary>Pixels (or output channels) per tile on this machine.</summary>
    public static int TilePixels => Avx512F.IsSupported ? 32 : 16;

    /// <summary>One MR × 32 tile: c (+)= A · B with B read from the planes through per-k offsets.</summary>
    // One MR × 32 tile: c (+)= Σ_p a[p·MR + r] · b[offsets[p] + the tile's pixels], summed from zero in p order and then
    // added to c once, as GemmKernel512 does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(int kc, float* a, float* b, int* offsets, int cols, int ow, float* c, nint ldc, bool add)
    {
        if (!Avx512F.IsSupported)
        {
            // One output row of 16, or two rows of 8 (the second a plane row further on).
            Kernel16Avx2(kc, a, b, offsets, ow == 16 ? 8 : cols, c, ldc, add);
            return;
        }
        if (ow == 16) Kernel16(kc, a, b, offsets, cols, c, ldc, add);
        else Kernel8(kc, a, b, offsets, cols, c, ldc, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel16(int kc, float* a, float* b, int* offsets, int cols, float* c, nint ldc, bool add)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            float* src = b + offsets[p];
            var b0 = Vector512.Load(src);
            var b1 = Vector512.Load(src + cols);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            a += MR;
        }
        StoreTile(c, ldc, add, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    // Four output rows of 8: 256-bit vectors, which Zen 4 and Intel cores issue two per cycle (the same rate as one 512).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8(int kc, float* a, float* b, int* offsets, int cols, float* c, nint ldc, bool add)
    {
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        Vector256<float> c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        for (int p = 0; p < kc; p++)
        {
            float* src = b + offsets[p];
            var b0 = Vector256.Load(src);
            var b1 = Vector256.Load(src + cols);
            var b2 = Vector256.Load(src + 2 * cols);
            var b3 = Vector256.Load(src + 3 * cols);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01); c02 = Fma.MultiplyAdd(a0, b2, c02); c03 = Fma.MultiplyAdd(a0, b3, c03);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11); c12 = Fma.MultiplyAdd(a1, b2, c12); c13 = Fma.MultiplyAdd(a1, b3, c13);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21); c22 = Fma.MultiplyAdd(a2, b2, c22); c23 = Fma.MultiplyAdd(a2, b3, c23);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31); c32 = Fma.MultiplyAdd(a3, b2, c32); c33 = Fma.MultiplyAdd(a3, b3, c33);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41); c42 = Fma.MultiplyAdd(a4, b2, c42); c43 = Fma.MultiplyAdd(a4, b3, c43);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51); c52 = Fma.MultiplyAdd(a5, b2, c52); c53 = Fma.MultiplyAdd(a5, b3, c53);
            a += MR;
        }
        Store(c, c00, c01, c02, c03, add);
        Store(c + ldc, c10, c11, c12, c13, add);
        Store(c + 2 * ldc, c20, c21, c22, c23, add);
        Store(c + 3 * ldc, c30, c31, c32, c33, add);
        Store(c + 4 * ldc, c40, c41, c42, c43, add);
        Store(c + 5 * ldc, c50, c51, c52, c53, add);
    }

    // MR × 16 with 256-bit vectors: b0 at the tile's first pixel, b1 at `second` floats on (the same row's next 8
    // pixels, or the next plane row). The p order and the final add to c are those of GemmKernel256.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel16Avx2(int kc, float* a, float* b, int* offsets, int second, float* c, nint ldc, bool add)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            float* src = b + offsets[p];
            var b0 = Vector256.Load(src);
            var b1 = Vector256.Load(src + second);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += MR;
        }
        StoreTile(c, ldc, add, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTile(float* c, nint ldc, bool add, Vector256<float> c00, Vector256<float> c01, Vector256<float> c10, Vector256<float> c11,
        Vector256<float> c20, Vector256<float> c21, Vector256<float> c30, Vector256<float> c31, Vector256<float> c40, Vector256<float> c41,
        Vector256<float> c50, Vector256<float> c51)
    {
        Store(c, c00, c01, add);
        Store(c + ldc, c10, c11, add);
        Store(c + 2 * ldc, c20, c21, add);
        Store(c + 3 * ldc, c30, c31, add);
        Store(c + 4 * ldc, c40, c41, add);
        Store(c + 5 * ldc, c50, c51, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, Vector256<float> v0, Vector256<float> v1, bool add)
    {
        if (add)
        {
            v0 = Vector256.Load(dst) + v0;
            v1 = Vector256.Load(dst + 8) + v1;
        }
        Vector256.Store(v0, dst);
        Vector256.Store(v1, dst + 8);
    }

    // An MR × 32 tile of 512-bit accumulators to six rows of c, ldc apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTile(float* c, nint ldc, bool add, Vector512<float> c00, Vector512<float> c01, Vector512<float> c10, Vector512<float> c11,
        Vector512<float> c20, Vector512<float> c21, Vector512<float> c30, Vector512<float> c31, Vector512<float> c40, Vector512<float> c41,
        Vector512<float> c50, Vector512<float> c51)
    {
        Store(c, c00, c01, add);
        Store(c + ldc, c10, c11, add);
        Store(c + 2 * ldc, c20, c21, add);
        Store(c + 3 * ldc, c30, c31, add);
        Store(c + 4 * ldc, c40, c41, add);
        Store(c + 5 * ldc, c50, c51, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, Vector512<float> v0, Vector512<float> v1, bool add)
    {
        if (add)
        {
            v0 = Vector512.Load(dst) + v0;
            v1 = Vector512.Load(dst + 16) + v1;
        }
        Vector512.Store(v0, dst);
        Vector512.Store(v1, dst + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3, bool add)
    {
        if (add)
        {
            v0 = Vector256.Load(dst) + v0;
            v1 = Vector256.Load(dst + 8) + v1;
            v2 = Vector256.Load(dst + 16) + v2;
            v3 = Vector256.Load(dst + 24) + v3;
        }
        Vector256.Store(v0, dst);
        Vector256.Store(v1, dst + 8);
        Vector256.Store(v2, dst + 16);
        Vector256.Store(v3, dst + 24);
    }

    /// <summary>Six tap rows × 32 output channels of the transposed weight gradient, added to c.</summary>
    // c[r, 0..32] += Σ over the images' pixels of planes[offsets[r] + pixel] · transposed[pixel, 0..32], r < MR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightTile(int images, int planesStride, int oh, int ow, int cols, float* planes, int* offsets, float* transposed, int ldt, float* c)
    {
        if (!Avx512F.IsSupported)
        {
            WeightTileAvx2(images, planesStride, oh, ow, cols, planes, offsets, transposed, ldt, c);
            return;
        }
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* b = transposed;
        for (int n = 0; n < images; n++, planes += planesStride)
        {
            float* a0 = planes + offsets[0], a1 = planes + offsets[1], a2 = planes + offsets[2];
            float* a3 = planes + offsets[3], a4 = planes + offsets[4], a5 = planes + offsets[5];
            for (int y = 0; y < oh; y++)
            {
                int row = y * cols;
                for (int x = 0; x < ow; x++, b += ldt)
                {
                    int i = row + x;
                    var b0 = Vector512.Load(b);
                    var b1 = Vector512.Load(b + 16);
                    var v = Vector512.Create(a0[i]);
                    c00 = Avx512F.FusedMultiplyAdd(v, b0, c00); c01 = Avx512F.FusedMultiplyAdd(v, b1, c01);
                    v = Vector512.Create(a1[i]);
                    c10 = Avx512F.FusedMultiplyAdd(v, b0, c10); c11 = Avx512F.FusedMultiplyAdd(v, b1, c11);
                    v = Vector512.Create(a2[i]);
                    c20 = Avx512F.FusedMultiplyAdd(v, b0, c20); c21 = Avx512F.FusedMultiplyAdd(v, b1, c21);
                    v = Vector512.Create(a3[i]);
                    c30 = Avx512F.FusedMultiplyAdd(v, b0, c30); c31 = Avx512F.FusedMultiplyAdd(v, b1, c31);
                    v = Vector512.Create(a4[i]);
                    c40 = Avx512F.FusedMultiplyAdd(v, b0, c40); c41 = Avx512F.FusedMultiplyAdd(v, b1, c41);
                    v = Vector512.Create(a5[i]);
                    c50 = Avx512F.FusedMultiplyAdd(v, b0, c50); c51 = Avx512F.FusedMultiplyAdd(v, b1, c51);
                }
            }
        }
        StoreTile(c, ldt, true, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    // As WeightTile for 16 output channels of 256-bit vectors; the same order of additions per element.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightTileAvx2(int images, int planesStride, int oh, int ow, int cols, float* planes, int* offsets, float* transposed, int ldt, float* c)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* b = transposed;
        for (int n = 0; n < images; n++, planes += planesStride)
        {
            float* a0 = planes + offsets[0], a1 = planes + offsets[1], a2 = planes + offsets[2];
            float* a3 = planes + offsets[3], a4 = planes + offsets[4], a5 = planes + offsets[5];
            for (int y = 0; y < oh; y++)
            {
                int row = y * cols;
                for (int x = 0; x < ow; x++, b += ldt)
                {
                    int i = row + x;
                    var b0 = Vector256.Load(b);
                    var b1 = Vector256.Load(b + 8);
                    var v = Vector256.Create(a0[i]);
                    c00 = Fma.MultiplyAdd(v, b0, c00); c01 = Fma.MultiplyAdd(v, b1, c01);
                    v = Vector256.Create(a1[i]);
                    c10 = Fma.MultiplyAdd(v, b0, c10); c11 = Fma.MultiplyAdd(v, b1, c11);
                    v = Vector256.Create(a2[i]);
                    c20 = Fma.MultiplyAdd(v, b0, c20); c21 = Fma.MultiplyAdd(v, b1, c21);
                    v = Vector256.Create(a3[i]);
                    c30 = Fma.MultiplyAdd(v, b0, c30); c31 = Fma.MultiplyAdd(v, b1, c31);
                    v = Vector256.Create(a4[i]);
                    c40 = Fma.MultiplyAdd(v, b0, c40); c41 = Fma.MultiplyAdd(v, b1, c41);
                    v = Vector256.Create(a5[i]);
                    c50 = Fma.MultiplyAdd(v, b0, c50); c51 = Fma.MultiplyAdd(v, b1, c51);
                }
            }
        }
        StoreTile(c, ldt, true, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }
}
