using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>2-D convolution over [N, C, H, W] with a square kernel, as <c>torch.nn.Conv2d</c> (weight [O, C, k, k]).</summary>
public sealed class Conv2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A layer with PyTorch's default initialisation from <paramref name="rng"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernel, SeededRandom rng, int stride = 1, int padding = 0, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"Conv2d: invalid configuration in={inChannels} out={outChannels} kernel={kernel} stride={stride} padding={padding}");
        InChannels = inChannels; OutChannels = outChannels; Kernel = kernel; Stride = stride; Padding = padding;
        int fanIn = inChannels * kernel * kernel;
        Weight = RegisterParameter("weight", Init.DefaultUniform<T>(rng, fanIn, outChannels, inChannels, kernel, kernel));
        Bias = bias ? RegisterParameter("bias", Init.DefaultUniform<T>(rng, fanIn, outChannels)) : null;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }

    /// <summary>[O, C, k, k].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>[O], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => Variable<T>.Conv2d(x, Weight.Value, Bias?.Value, Stride, Padding);
}
