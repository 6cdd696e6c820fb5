using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Unfolds one image's receptive fields into a matrix so a convolution becomes a GEMM, and folds gradients back.</summary>
/// <remarks>Rows of the column matrix are (ci, ky, kx), K = Cin·kh·kw of them; columns are output pixels (y, x), S = OH·OW.</remarks>
internal static class Im2Col
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
                            for (int x = x0; x < x1; x++, ix += g.StrideW) d[x] = src[ix];
                    }
                }
        }
    }

    /// <summary>The transposed layout: rows[(y,x)·ld + (ci,ky,kx)], one row per output pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToRows<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> rows, int ld) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth, h = g.InHeight, w = g.InWidth, kh = g.KernelHeight, kw = g.KernelWidth;
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++)
            {
                var dst = rows.Slice((y * ow + x) * ld, g.InChannels * kh * kw);
                int iy0 = y * g.StrideH - g.PadH, ix0 = x * g.StrideW - g.PadW;
                bool inside = iy0 >= 0 && ix0 >= 0 && iy0 + kh <= h && ix0 + kw <= w;
                int at = 0;
                for (int ci = 0; ci < g.InChannels; ci++)
                {
                    var plane = image.Slice(ci * h * w, h * w);
                    for (int ky = 0; ky < kh; ky++, at += kw)
                    {
                        int iy = iy0 + ky;
                        var d = dst.Slice(at, kw);
                        if (inside)
                        {
                            var src = plane.Slice(iy * w + ix0, kw);
                            for (int kx = 0; kx < src.Length; kx++) d[kx] = src[kx];
                            continue;
                        }
                        if ((uint)iy >= (uint)h)
                        {
                            d.Clear();
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++)
                        {
                            int ix = ix0 + kx;
                            d[kx] = (uint)ix < (uint)w ? plane[iy * w + ix] : default;
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
                        var s = src.Slice(y * ow, ow);
                        var dst = plane.Slice(iy * w);
                        int ix = x0 * g.StrideW - g.PadW + kx;
                        for (int x = x0; x < x1; x++, ix += g.StrideW) dst[ix] += s[x];
                    }
                }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
