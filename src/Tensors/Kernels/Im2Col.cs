using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Unfolds one image's receptive fields into a matrix so a convolution becomes a GEMM, and folds gradients back.</summary>
/// <remarks>Rows of the column matrix are (ci, ky, kx), K = Cin·kh·kw of them; columns are output pixels (y, x), S = OH·OW.</remarks>
internal static unsafe class Im2Col
{
    /// <summary>cols[(ci,ky,kx)·ld + (y,x)] = image[ci, y·sh − ph + ky, x·sw − pw + kx], zero outside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> cols, int ld) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        int row = 0;
        for (int ci = 0; ci < g.InChannels; ci++)
        {
            var plane = image.Slice(ci * h * w, h * w);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var dst = cols.Slice(row * ld, oh * ow);
                    // Output columns whose input x lies inside the image: x in [x0, x1).
                    int x0 = Math.Max(0, CeilDiv(g.PadW - kx, g.StrideW));
                    int x1 = Math.Min(ow, CeilDiv(w + g.PadW - kx, g.StrideW));
                    for (int y = 0; y < oh; y++)
                    {
                        var d = dst.Slice(y * ow, ow);
                        int iy = y * g.StrideH - g.PadH + ky;
                        if ((uint)iy >= (uint)h || x1 <= x0)
                        {
                            d.Clear();
                            continue;
                        }
                        d[..x0].Clear();
                        d[x1..].Clear();
                        var src = plane.Slice(iy * w);
                        int ix = x0 * g.StrideW - g.PadW + kx;
                        if (g.StrideW == 1)
                            src.Slice(ix, x1 - x0).CopyTo(d[x0..x1]);
                        else
                            Gather(src.Slice(ix, (x1 - x0 - 1) * g.StrideW + 1), g.StrideW, d[x0..x1]);
                    }
                }
        }
    }

    /// <summary>The transposed layout: rows[(y,x)·ld + (ci,ky,kx)], one row per output pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToRows<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> rows, int ld) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth, kh = g.KernelHeight, kw = g.KernelWidth;
        int k = g.InChannels * kh * kw;
        // Raw pointers below: every index stays inside these two checked extents.
        if (image.Length < g.InChannels * h * w || rows.Length < (long)(oh * ow - 1) * ld + k)
            throw new ArgumentException("im2row: buffers smaller than the geometry needs.");
        fixed (T* pImage = image)
        fixed (T* pRows = rows)
        {
            for (int y = 0; y < oh; y++)
                for (int x = 0; x < ow; x++)
                {
                    T* dst = pRows + (nint)(y * ow + x) * ld;
                    int iy0 = y * g.StrideH - g.PadH, ix0 = x * g.StrideW - g.PadW;
                    bool inside = iy0 >= 0 && ix0 >= 0 && iy0 + kh <= h && ix0 + kw <= w;
                    for (int ci = 0; ci < g.InChannels; ci++)
                    {
                        T* plane = pImage + (nint)ci * h * w;
                        for (int ky = 0; ky < kh; ky++, dst += kw)
                        {
                            int iy = iy0 + ky;
                            if (inside)
                            {
                                T* src = plane + iy * w + ix0;
                                for (int kx = 0; kx < kw; kx++) dst[kx] = src[kx];
                            }
                            else if ((uint)iy >= (uint)h)
                            {
                                for (int kx = 0; kx < kw; kx++) dst[kx] = default;
                            }
                            else
                            {
                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int ix = ix0 + kx;
                                    dst[kx] = (uint)ix < (uint)w ? plane[iy * w + ix] : default;
                                }
                            }
                        }
                    }
                }
        }
    }

    /// <summary>The adjoint of <see cref="ToColumns{T}"/>: image[ci, iy, ix] += every column entry that was read from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> cols, int ld, Span<T> image)
        where T : unmanaged, System.Numerics.IAdditionOperators<T, T, T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth;
        int row = 0;
        for (int ci = 0; ci < g.InChannels; ci++)
        {
            var plane = image.Slice(ci * h * w, h * w);
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var src = cols.Slice(row * ld, oh * ow);
                    int x0 = Math.Max(0, CeilDiv(g.PadW - kx, g.StrideW));
                    int x1 = Math.Min(ow, CeilDiv(w + g.PadW - kx, g.StrideW));
                    if (x1 <= x0) continue;
                    for (int y = 0; y < oh; y++)
                    {
                        int iy = y * g.StrideH - g.PadH + ky;
                        if ((uint)iy >= (uint)h) continue;
                        int ix = x0 * g.StrideW - g.PadW + kx;
                        ScatterAdd(src.Slice(y * ow + x0, x1 - x0), g.StrideW, plane.Slice(iy * w + ix, (x1 - x0 - 1) * g.StrideW + 1));
                    }
                }
        }
    }

    // dst[i] = src[i·stride]; the caller sized both spans, so one bounds check covers the loop.
    private static void Gather<T>(ReadOnlySpan<T> src, int stride, Span<T> dst) where T : unmanaged
    {
        if (dst.IsEmpty) return;
        if ((long)(dst.Length - 1) * stride >= src.Length) throw new ArgumentOutOfRangeException(nameof(src));
        fixed (T* ps = src)
        fixed (T* pd = dst)
        {
            T* s = ps;
            for (int i = 0; i < dst.Length; i++, s += stride) pd[i] = *s;
        }
    }

    // dst[i·stride] += src[i], with the same single bounds check.
    private static void ScatterAdd<T>(ReadOnlySpan<T> src, int stride, Span<T> dst)
        where T : unmanaged, System.Numerics.IAdditionOperators<T, T, T>
    {
        if (src.IsEmpty) return;
        if ((long)(src.Length - 1) * stride >= dst.Length) throw new ArgumentOutOfRangeException(nameof(dst));
        fixed (T* ps = src)
        fixed (T* pd = dst)
        {
            T* d = pd;
            for (int i = 0; i < src.Length; i++, d += stride) *d += ps[i];
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
