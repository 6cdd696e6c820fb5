using System.Numerics;
using MusicCluster.Autograd;

namespace MusicCluster.Models.Layers;

/// <summary>max(x, 0).</summary>
public sealed class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => x.Relu();
}

/// <summary>x for x ≥ 0, slope·x otherwise (PyTorch's default slope 0.01).</summary>
public sealed class LeakyReLU<T>(double slope = 0.01) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The negative slope.</summary>
    public double Slope { get; } = slope;

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => x.LeakyRelu(T.CreateTruncating(Slope));
}

/// <summary>1 / (1 + e^−x).</summary>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => x.Sigmoid();
}

/// <summary>tanh(x).</summary>
public sealed class Tanh<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => x.Tanh();
}
