using System.Numerics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>2-D convolution (cross-correlation, as PyTorch) forward and backward on NCHW spans.</summary>
public static class Conv2dKernels
{
    /// <summary>output[N,Cout,OH,OW] = conv(input, weight) + bias; an empty bias means none.</summary>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dReference.Forward(g, input, weight, bias, output);

    /// <summary>gradInput[N,Cin,H,W] (overwritten) from gradOutput and weight.</summary>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dReference.BackwardInput(g, gradOutput, weight, gradInput);

    /// <summary>gradWeight[Cout,Cin,kh,kw] (overwritten) from input and gradOutput.</summary>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dReference.BackwardWeight(g, input, gradOutput, gradWeight);
}
