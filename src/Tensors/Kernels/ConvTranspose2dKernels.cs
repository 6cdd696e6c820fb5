using System.Numerics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Transposed 2-D convolution: the adjoint of <see cref="Conv2dKernels"/>, so each pass reuses the other's kernels.</summary>
public static class ConvTranspose2dKernels
{
    /// <summary>output[N,Cout,OH,OW] = convᵀ(input, weight) + bias; weight is [Cin, Cout, kh, kw].</summary>
    public static void Forward<T>(in ConvTranspose2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!bias.IsEmpty && bias.Length != g.OutChannels)
            throw new ArgumentException($"conv_transpose2d: bias has {bias.Length} elements, expected {g.OutChannels} (one per output channel).");
        Conv2dKernels.BackwardInput(g.AsConvolution, input, weight, output);
        if (bias.IsEmpty) return;
        int plane = g.OutHeight * g.OutWidth;
        for (int n = 0; n < g.Batch; n++)
            for (int c = 0; c < g.OutChannels; c++)
                Conv2dKernels.AddScalar(output.Slice((n * g.OutChannels + c) * plane, plane), bias[c]);
    }

    /// <summary>gradInput[N,Cin,H,W] (overwritten): a forward convolution of gradOutput.</summary>
    public static void BackwardInput<T>(in ConvTranspose2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dKernels.Forward(g.AsConvolution, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput);

    /// <summary>gradWeight[Cin,Cout,kh,kw] (overwritten) from input and gradOutput.</summary>
    public static void BackwardWeight<T>(in ConvTranspose2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dKernels.BackwardWeight(g.AsConvolution, gradOutput, input, gradWeight);
}
