namespace MusicCluster.Tensors.Kernels;

/// <summary>Shapes of a transposed 2-D convolution in NCHW layout; weight is [InChannels, OutChannels, KernelHeight, KernelWidth], as in PyTorch.</summary>
public readonly record struct ConvTranspose2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideH = 1, int StrideW = 1, int PadH = 0, int PadW = 0, int OutputPadH = 0, int OutputPadW = 0)
{
    /// <summary>Output height: (H − 1)·stride − 2·pad + k + output padding.</summary>
    public int OutHeight => (InHeight - 1) * StrideH - 2 * PadH + KernelHeight + OutputPadH;

    /// <summary>Output width: (W − 1)·stride − 2·pad + k + output padding.</summary>
    public int OutWidth => (InWidth - 1) * StrideW - 2 * PadW + KernelWidth + OutputPadW;

    /// <summary>The forward convolution whose input gradient this transposed convolution computes.</summary>
    public Conv2dGeometry AsConvolution => new(Batch, OutChannels, OutHeight, OutWidth, InChannels,
        KernelHeight, KernelWidth, StrideH, StrideW, PadH, PadW);
}
