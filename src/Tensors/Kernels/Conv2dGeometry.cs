namespace MusicCluster.Tensors.Kernels;

/// <summary>Shapes of a 2-D convolution in NCHW layout; weight is [OutChannels, InChannels, KernelHeight, KernelWidth].</summary>
public readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideH = 1, int StrideW = 1, int PadH = 0, int PadW = 0)
{
    /// <summary>Output height: (H + 2·pad − k) / stride + 1.</summary>
    public int OutHeight => (InHeight + 2 * PadH - KernelHeight) / StrideH + 1;

    /// <summary>Output width: (W + 2·pad − k) / stride + 1.</summary>
    public int OutWidth => (InWidth + 2 * PadW - KernelWidth) / StrideW + 1;
}
