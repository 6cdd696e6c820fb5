using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Unfolds one image's receptive fields into a matrix so a convolution becomes a GEMM, and folds gradients back.</summary>
/// <remarks>
/// Rows of the column matrix are (ci, ky, kx), K = Cin·kh·kw of them; columns are output pixels (y, x), S = OH·OW.
/// A strided convolution first splits each channel into its stride phases, image[ci, py + sh·r, px + sw·c]: every
/// kernel tap then reads a shifted stride-1 window of one phase, so unfolding is made of contiguous copies (whole
/// blocks when a window spans full rows) instead of element-by-element gathers.
/// </remarks>
internal static class Im2Col
{
    /// <summary>Elements of phase scratch that <see cref="ToColumns{T}"/> and <see cref="AccumulateColumns{T}"/> need (0 for stride 1).</summary>
    public static int PhaseLength(in Conv2dGeometry g) =>
        g.StrideH == 1 && g.StrideW == 1 ? 0 : g.InChannels * g.StrideH * g.StrideW * PhaseHeight(g) * PhaseWidth(g);

    /// <summary>cols[(ci,ky,kx)·ld + (y,x)] = image[ci, y·sh − ph + ky, x·sw − pw + kx], zero outside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> cols, int ld, Span<T> phases)
        where T : unmanaged, INumberBase<T>
    {
        ReadOnlySpan<T> source = image;
        if (g.StrideH != 1 || g.StrideW != 1)
        {
            SplitPhases(g, image, phases);
            source = phases;
        }
        int s = g.OutHeight * g.OutWidth, row = 0;
        for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var tap = Tap.Of(g, ci, ky, kx);
                    CopyWindow(source.Slice(tap.Offset, tap.Height * tap.Width), tap, g.OutHeight, g.OutWidth, cols.Slice(row * ld, s));
                }
    }

    /// <summary>The adjoint of <see cref="ToColumns{T}"/>: image[ci, iy, ix] += every column entry that was read from it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumns<T>(in Conv2dGeometry g, ReadOnlySpan<T> cols, int ld, Span<T> image, Span<T> phases)
        where T : unmanaged, INumberBase<T>
    {
        bool strided = g.StrideH != 1 || g.StrideW != 1;
        Span<T> target = image;
        if (strided)
        {
            target = phases[..PhaseLength(g)];
            target.Clear();
        }
        int s = g.OutHeight * g.OutWidth, row = 0;
        for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
                for (int kx = 0; kx < g.KernelWidth; kx++, row++)
                {
                    var tap = Tap.Of(g, ci, ky, kx);
                    AddWindow(cols.Slice(row * ld, s), tap, g.OutHeight, g.OutWidth, target.Slice(tap.Offset, tap.Height * tap.Width));
                }
        if (strided) MergePhases(g, target, image);
    }

    // Where kernel tap (ci, ky, kx) reads: output pixel (y, x) takes plane[(y + A)·Width + x + B] of the plane at Offset.
    private readonly record struct Tap(int Offset, int Height, int Width, int A, int B)
    {
        public static Tap Of(in Conv2dGeometry g, int ci, int ky, int kx)
        {
            if (g.StrideH == 1 && g.StrideW == 1)
                return new(ci * g.InHeight * g.InWidth, g.InHeight, g.InWidth, ky - g.PadH, kx - g.PadW);
            // Input row y·sh − pad + ky = sh·(y + a) + py with py in [0, sh): phase py, shifted by a rows.
            int ty = ky - g.PadH, tx = kx - g.PadW;
            int a = FloorDiv(ty, g.StrideH), b = FloorDiv(tx, g.StrideW);
            int py = ty - a * g.StrideH, px = tx - b * g.StrideW;
            int h = PhaseHeight(g), w = PhaseWidth(g);
            return new(((ci * g.StrideH + py) * g.StrideW + px) * h * w, h, w, a, b);
        }
    }

    // dst[y·ow + x] = plane[(y + a)·pw + x + b], zero where that falls outside the plane.
    private static void CopyWindow<T>(ReadOnlySpan<T> plane, in Tap t, int oh, int ow, Span<T> dst) where T : unmanaged
    {
        int y0 = Math.Max(0, -t.A), y1 = Math.Min(oh, t.Height - t.A);
        int x0 = Math.Max(0, -t.B), x1 = Math.Min(ow, t.Width - t.B);
        if (y1 <= y0 || x1 <= x0)
        {
            dst.Clear();
            return;
        }
        dst[..(y0 * ow)].Clear();
        dst[(y1 * ow)..].Clear();
        if (x0 == 0 && x1 == ow && t.Width == ow)
        {
            plane.Slice((y0 + t.A) * ow + t.B, (y1 - y0) * ow).CopyTo(dst[(y0 * ow)..]);
            return;
        }
        for (int y = y0; y < y1; y++)
        {
            var d = dst.Slice(y * ow, ow);
            d[..x0].Clear();
            plane.Slice((y + t.A) * t.Width + x0 + t.B, x1 - x0).CopyTo(d[x0..]);
            d[x1..].Clear();
        }
    }

    // The adjoint of CopyWindow: plane[(y + a)·pw + x + b] += src[y·ow + x] inside the plane.
    private static void AddWindow<T>(ReadOnlySpan<T> src, in Tap t, int oh, int ow, Span<T> plane) where T : unmanaged, INumberBase<T>
    {
        int y0 = Math.Max(0, -t.A), y1 = Math.Min(oh, t.Height - t.A);
        int x0 = Math.Max(0, -t.B), x1 = Math.Min(ow, t.Width - t.B);
        if (y1 <= y0 || x1 <= x0) return;
        if (x0 == 0 && x1 == ow && t.Width == ow)
        {
            var block = plane.Slice((y0 + t.A) * ow + t.B, (y1 - y0) * ow);
            TensorPrimitives.Add(block, src.Slice(y0 * ow, block.Length), block);
            return;
        }
        for (int y = y0; y < y1; y++)
        {
            var d = plane.Slice((y + t.A) * t.Width + x0 + t.B, x1 - x0);
            TensorPrimitives.Add(d, src.Slice(y * ow + x0, d.Length), d);
        }
    }

    // phases[ci, py, px, r, c] = image[ci, py + sh·r, px + sw·c], zero past the image's edge.
    private static unsafe void SplitPhases<T>(in Conv2dGeometry g, ReadOnlySpan<T> image, Span<T> phases) where T : unmanaged
    {
        int h = g.InHeight, w = g.InWidth, sh = g.StrideH, sw = g.StrideW, ph = PhaseHeight(g), pw = PhaseWidth(g);
        if (image.Length < g.InChannels * h * w || phases.Length < PhaseLength(g))
            throw new ArgumentException("im2col: buffers smaller than the geometry needs.");
        fixed (T* pImage = image)
        fixed (T* pPhases = phases)
        {
            T* dst = pPhases;
            for (int ci = 0; ci < g.InChannels; ci++)
                for (int py = 0; py < sh; py++)
                    for (int px = 0; px < sw; px++)
                    {
                        int width = (w - px + sw - 1) / sw;
                        for (int r = 0; r < ph; r++, dst += pw)
                        {
                            int iy = py + sh * r;
                            if (iy >= h)
                            {
                                new Span<T>(dst, pw).Clear();
                                continue;
                            }
                            T* src = pImage + ((nint)ci * h + iy) * w + px;
                            for (int c = 0; c < width; c++) dst[c] = src[c * sw];
                            for (int c = width; c < pw; c++) dst[c] = default;
                        }
                    }
        }
    }

    // image[ci, py + sh·r, px + sw·c] += phases[ci, py, px, r, c]; entries past the image's edge are dropped.
    private static unsafe void MergePhases<T>(in Conv2dGeometry g, ReadOnlySpan<T> phases, Span<T> image) where T : unmanaged, INumberBase<T>
    {
        int h = g.InHeight, w = g.InWidth, sh = g.StrideH, sw = g.StrideW, ph = PhaseHeight(g), pw = PhaseWidth(g);
        if (image.Length < g.InChannels * h * w || phases.Length < PhaseLength(g))
            throw new ArgumentException("col2im: buffers smaller than the geometry needs.");
        fixed (T* pImage = image)
        fixed (T* pPhases = phases)
        {
            T* src = pPhases;
            for (int ci = 0; ci < g.InChannels; ci++)
                for (int py = 0; py < sh; py++)
                    for (int px = 0; px < sw; px++)
                    {
                        int width = (w - px + sw - 1) / sw;
                        for (int r = 0; r < ph; r++, src += pw)
                        {
                            int iy = py + sh * r;
                            if (iy >= h) continue;
                            T* dst = pImage + ((nint)ci * h + iy) * w + px;
                            for (int c = 0; c < width; c++) dst[c * sw] += src[c];
                        }
                    }
        }
    }

    private static int PhaseHeight(in Conv2dGeometry g) => (g.InHeight + g.StrideH - 1) / g.StrideH;

    private static int PhaseWidth(in Conv2dGeometry g) => (g.InWidth + g.StrideW - 1) / g.StrideW;

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
