using System.Numerics;
using ILGPU;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>The layout changes that turn convolutions into GEMMs: im2col and its adjoint col2im.</summary>
/// <remarks>col is [N, C·kh·kw, OH·OW] with row (c·kh + ky)·kw + kx and column oy·OW + ox, as PyTorch's unfold.</remarks>
public static class ConvGpuKernels
{
    /// <summary>One thread per col element: the input pixel it stands for, or 0 in the padding.</summary>
    public static void Im2Col<T>(Index1D index, ArrayView<T> input, ArrayView<T> col, Conv2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ow = g.OutWidth, plane = g.OutHeight * ow, rows = g.InChannels * g.KernelHeight * g.KernelWidth;
        int pos = index % plane, rest = index / plane;
        int row = rest % rows, n = rest / rows;
        int kx = row % g.KernelWidth, t = row / g.KernelWidth;
        int ky = t % g.KernelHeight, c = t / g.KernelHeight;
        int oy = pos / ow, ox = pos - oy * ow;
        int iy = oy * g.StrideH - g.PadH + ky, ix = ox * g.StrideW - g.PadW + kx;
        T v = T.Zero;
        if (iy >= 0 && iy < g.InHeight && ix >= 0 && ix < g.InWidth)
            v = input[((long)(n * g.InChannels + c) * g.InHeight + iy) * g.InWidth + ix];
        col[index] = v;
    }

    /// <summary>
    /// One thread per input pixel sums every col entry that read it (a gather, so no atomics and a fixed order):
    /// the input gradient once col holds Wᵀ·gradOutput.
    /// </summary>
    public static void Col2Im<T>(Index1D index, ArrayView<T> col, ArrayView<T> output, Conv2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int ow = g.OutWidth, oh = g.OutHeight, plane = oh * ow;
        int kh = g.KernelHeight, kw = g.KernelWidth, rows = g.InChannels * kh * kw;
        int x = index % g.InWidth, t = index / g.InWidth;
        int y = t % g.InHeight; t /= g.InHeight;
        int c = t % g.InChannels, n = t / g.InChannels;
        T sum = T.Zero;
        for (int ky = 0; ky < kh; ky++)
        {
            int ty = y + g.PadH - ky;
            if (ty < 0 || ty % g.StrideH != 0) continue;
            int oy = ty / g.StrideH;
            if (oy >= oh) continue;
            for (int kx = 0; kx < kw; kx++)
            {
                int tx = x + g.PadW - kx;
                if (tx < 0 || tx % g.StrideW != 0) continue;
                int ox = tx / g.StrideW;
                if (ox >= ow) continue;
                int row = (c * kh + ky) * kw + kx;
                sum += col[((long)n * rows + row) * plane + oy * ow + ox];
            }
        }
        output[index] = sum;
    }
}
