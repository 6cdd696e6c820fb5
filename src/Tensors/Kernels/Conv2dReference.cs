using System.Numerics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Direct-loop convolution that the fast kernels are tested against.</summary>
public static class Conv2dReference
{
    /// <summary>See <see cref="Conv2dKernels.Forward{T}"/>.</summary>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T sum = bias.IsEmpty ? T.Zero : bias[co];
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int iy = y * g.StrideH - g.PadH + ky;
                if ((uint)iy >= (uint)g.InHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int ix = x * g.StrideW - g.PadW + kx;
                    if ((uint)ix >= (uint)g.InWidth) continue;
                    sum += input[((n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix]
                         * weight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                }
            }
            output[((n * g.OutChannels + co) * oh + y) * ow + x] = sum;
        }
    }

    /// <summary>See <see cref="Conv2dKernels.BackwardInput{T}"/>.</summary>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        gradInput[..(g.Batch * g.InChannels * g.InHeight * g.InWidth)].Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T go = gradOutput[((n * g.OutChannels + co) * oh + y) * ow + x];
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int iy = y * g.StrideH - g.PadH + ky;
                if ((uint)iy >= (uint)g.InHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int ix = x * g.StrideW - g.PadW + kx;
                    if ((uint)ix >= (uint)g.InWidth) continue;
                    gradInput[((n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix] +=
                        go * weight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx];
                }
            }
        }
    }

    /// <summary>See <see cref="Conv2dKernels.BackwardWeight{T}"/>.</summary>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        gradWeight[..(g.OutChannels * g.InChannels * g.KernelHeight * g.KernelWidth)].Clear();
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++)
        {
            T go = gradOutput[((n * g.OutChannels + co) * oh + y) * ow + x];
            for (int ci = 0; ci < g.InChannels; ci++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                int iy = y * g.StrideH - g.PadH + ky;
                if ((uint)iy >= (uint)g.InHeight) continue;
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int ix = x * g.StrideW - g.PadW + kx;
                    if ((uint)ix >= (uint)g.InWidth) continue;
                    gradWeight[((co * g.InChannels + ci) * g.KernelHeight + ky) * g.KernelWidth + kx] +=
                        go * input[((n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix];
                }
            }
        }
    }
}
