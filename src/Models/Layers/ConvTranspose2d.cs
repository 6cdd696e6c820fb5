using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>2-D transposed convolution, as <c>torch.nn.ConvTranspose2d</c> (weight [Cin, Cout, k, k]).</summary>
public sealed class ConvTranspose2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with PyTorch's default initialisation (fan_in = Cout·k², from weight dim 1, as torch computes it).</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, SeededRandom rng, int stride = 1, int padding = 0, int outputPadding = 0, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"ConvTranspose2d: invalid configuration in={inChannels} out={outChannels} kernel={kernel} stride={stride} padding={padding} output padding={outputPadding}");
        InChannels = inChannels; OutChannels = outChannels; Kernel = kernel; Stride = stride; Padding = padding; OutputPadding = outputPadding;
        int fanIn = outChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform<T>(rng, fanIn, inChannels, outChannels, kernel, kernel));
        Bias = bias ? RegisterParameter("bias", Init.DefaultUniform<T>(rng, fanIn, outChannels)) : null;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutputPadding { get; }

    /// <summary>[Cin, Cout, k, k].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>[Cout], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => Variable<T>.ConvTranspose2d(x, Weight.Value, Bias?.Value, Stride, Padding, OutputPadding);
}
