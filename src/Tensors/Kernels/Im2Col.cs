using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Unfolds one image's receptive fields into a matrix so a convolution becomes a GEMM, and folds gradients back.</summary>
/// <remarks>Rows of the column matrix are (ci, ky, kx), K = Cin·kh·kw of them; columns are output pixels (y, x), S = OH·OW.
/// The loops run on raw pointers (every extent is checked once on entry) and are compiled fully optimised from the
/// first call: a benchmark or a short training run never gets to see the tiered JIT's later code.</remarks>
internal static unsafe class Im2Col
{
    /// <summary>cols[(ci,ky,kx)·ld + (y,x)] = image[ci, y·sh − ph + ky, x·sw − pw + kx], zero outside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> cols, int ld) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth, sh = g.StrideH, sw = g.StrideW;
        int k = g.InChannels * g.KernelHeight * g.KernelWidth;
        CheckColumns(g, image.Length, cols.Length, ld, k);
        fixed (T* pImage = image)
        fixed (T* pCols = cols)
        {
            T* imageEnd = pImage + image.Length, colsEnd = pCols + cols.Length;
            int row = 0;
            for (int ci = 0; ci < g.InChannels; ci++)
            {
                T* plane = pImage + (nint)ci * h * w;
                for (int ky = 0; ky < g.KernelHeight; ky++)
                    for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                    {
                        T* dst = pCols + (nint)row * ld, segmentEnd = dst + oh * ow;
                        var (x0, x1) = InsideColumns(ow, w, g.PadW, sw, kx);
                        int ix0 = x0 * sw - g.PadW + kx;
                        for (int y = 0; y < oh; y++, dst += ow)
                        {
                            int iy = y * sh - g.PadH + ky;
                            if ((uint)iy >= (uint)h)
                            {
                                Clear(dst, ow);
                                continue;
                            }
                            for (int x = 0; x < x0; x++) dst[x] = default;
                            T* src = plane + (nint)iy * w + ix0;
                            T* d = dst + x0;
                            int count = x1 - x0;
                            // The stride-2 copy may run past x1 within this image's rows; those are written later.
                            if (sw == 1)
                                Buffer.MemoryCopy(src, d, (long)count * sizeof(T), (long)count * sizeof(T));
                            else if (sw == 2)
                                StrideTwo.Gather(src, d, count, imageEnd, segmentEnd);
                            else
                                for (int i = 0; i < count; i++) d[i] = src[(nint)i * sw];
                            for (int x = x1; x < ow; x++) dst[x] = default;
                        }
                    }
            }
        }
    }

    /// <summary>The transposed layout: rows[(y,x)·ld + (ci,ky,kx)], one row per output pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToRows<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> rows, int ld) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth, kh = g.KernelHeight, kw = g.KernelWidth;
        int k = g.InChannels * kh * kw, cin = g.InChannels;
        // Raw pointers below: every index stays inside these two checked extents.
        if (image.Length < (long)cin * h * w || ld < k || rows.Length < (long)(oh * ow - 1) * ld + k)
            throw new ArgumentException("im2row: buffers smaller than the geometry needs.");
        fixed (T* pImage = image)
        fixed (T* pRows = rows)
        {
            for (int y = 0; y < oh; y++)
            {
                int iy0 = y * g.StrideH - g.PadH;
                bool rowsInside = iy0 >= 0 && iy0 + kh <= h;
                for (int x = 0; x < ow; x++)
                {
                    T* dst = pRows + (nint)(y * ow + x) * ld;
                    int ix0 = x * g.StrideW - g.PadW;
                    if (rowsInside && ix0 >= 0 && ix0 + kw <= w)
                    {
                        // The interior: kh runs of kw contiguous pixels per channel.
                        T* src = pImage + (nint)iy0 * w + ix0;
                        if (Vector128<T>.IsSupported && kw == Vector128<T>.Count)
                        {
                            // A kernel row is one 128-bit vector (4 floats): one load and one store.
                            for (int ci = 0; ci < cin; ci++, src += h * w)
                                for (int ky = 0; ky < kh; ky++, dst += kw)
                                    Vector128.Store(Vector128.Load(src + ky * w), dst);
                        }
                        else if (Vector256<T>.IsSupported && kw == Vector256<T>.Count)
                        {
                            for (int ci = 0; ci < cin; ci++, src += h * w)
                                for (int ky = 0; ky < kh; ky++, dst += kw)
                                    Vector256.Store(Vector256.Load(src + ky * w), dst);
                        }
                        else
                        {
                            for (int ci = 0; ci < cin; ci++, src += h * w)
                                for (int ky = 0; ky < kh; ky++, dst += kw)
                                {
                                    T* s = src + ky * w;
                                    for (int kx = 0; kx < kw; kx++) dst[kx] = s[kx];
                                }
                        }
                        continue;
                    }
                    // An edge pixel: the kernel taps inside the image are ky in [ky0, ky1), kx in [kx0, kx1).
                    int ky0 = Math.Clamp(-iy0, 0, kh), ky1 = Math.Clamp(h - iy0, ky0, kh);
                    int kx0 = Math.Clamp(-ix0, 0, kw), kx1 = Math.Clamp(w - ix0, kx0, kw);
                    for (int ci = 0; ci < cin; ci++)
                    {
                        T* plane = pImage + (nint)ci * h * w;
                        for (int ky = 0; ky < kh; ky++, dst += kw)
                        {
                            if (ky < ky0 || ky >= ky1)
                            {
                                for (int kx = 0; kx < kw; kx++) dst[kx] = default;
                                continue;
                            }
                            T* s = plane + (nint)(iy0 + ky) * w + ix0;
                            for (int kx = 0; kx < kx0; kx++) dst[kx] = default;
                            for (int kx = kx0; kx < kx1; kx++) dst[kx] = s[kx];
                            for (int kx = kx1; kx < kw; kx++) dst[kx] = default;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="ToColumns{T}"/>: image[ci, iy, ix] += every column entry that was read from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> cols, int ld, Span<T> image)
        where T : unmanaged, IAdditionOperators<T, T, T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth, sh = g.StrideH, sw = g.StrideW;
        int k = g.InChannels * g.KernelHeight * g.KernelWidth;
        CheckColumns(g, image.Length, cols.Length, ld, k);
        fixed (T* pImage = image)
        fixed (T* pCols = cols)
        {
            T* imageEnd = pImage + image.Length, colsEnd = pCols + cols.Length;
            int row = 0;
            for (int ci = 0; ci < g.InChannels; ci++)
            {
                T* plane = pImage + (nint)ci * h * w;
                for (int ky = 0; ky < g.KernelHeight; ky++)
                    for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                    {
                        T* src = pCols + (nint)row * ld;
                        var (x0, x1) = InsideColumns(ow, w, g.PadW, sw, kx);
                        int count = x1 - x0, ix0 = x0 * sw - g.PadW + kx;
                        if (count == 0) continue;
                        for (int y = 0; y < oh; y++)
                        {
                            int iy = y * sh - g.PadH + ky;
                            if ((uint)iy >= (uint)h) continue;
                            T* s = src + y * ow + x0;
                            T* d = plane + (nint)iy * w + ix0;
                            if (sw == 1)
                                for (int i = 0; i < count; i++) d[i] += s[i];
                            else if (sw == 2)
                                StrideTwo.ScatterAdd(s, d, count, colsEnd, imageEnd);
                            else
                                for (int i = 0; i < count; i++) d[(nint)i * sw] += s[i];
                        }
                    }
            }
        }
    }

    // The column matrix has K rows of OH·OW entries, ld apart; the image Cin planes of H·W.
    private static void CheckColumns(in Conv2dGeometry g, int imageLength, int colsLength, int ld, int k)
    {
        int s = g.OutHeight * g.OutWidth;
        if (imageLength < (long)g.InChannels * g.InHeight * g.InWidth || ld < s || colsLength < (long)(k - 1) * ld + s)
            throw new ArgumentException("im2col: buffers smaller than the geometry needs.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear<T>(T* p, int n) where T : unmanaged
    {
        for (int i = 0; i < n; i++) p[i] = default;
    }

    // The output columns [x0, x1) whose input column for kernel column kx lies inside the image (x0 ≤ x1 ≤ OW).
    // Plain ints and forced inlining: the JIT would otherwise leave this as a call into tier-0 code (with the geometry's
    // computed properties as calls too) from every row of the optimised loops above.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int X0, int X1) InsideColumns(int ow, int w, int pw, int sw, int kx)
    {
        int x0 = Math.Min(ow, Math.Max(0, CeilDiv(pw - kx, sw)));
        return (x0, Math.Max(x0, Math.Min(ow, CeilDiv(w + pw - kx, sw))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
