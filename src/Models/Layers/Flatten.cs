using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>[N, d1, d2, …] → [N, d1·d2·…], as <c>torch.nn.Flatten()</c>.</summary>
public sealed class Flatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x) => x.Reshape(x.Shape[0], -1);
}

/// <summary>[N, d1·d2·…] → [N, d1, d2, …], as <c>torch.nn.Unflatten(1, shape)</c>.</summary>
public sealed class Unflatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;

    /// <summary>Unflattens axis 1 into <paramref name="shape"/>.</summary>
    public Unflatten(params int[] shape)
    {
        if (shape.Length == 0 || Array.Exists(shape, d => d < 1)) throw new ArgumentException($"Unflatten needs positive sizes, got {TensorShape.Format(shape)}");
        _shape = (int[])shape.Clone();
    }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x)
    {
        int n = TensorShape.Numel(_shape);
        if (x.Shape.Length != 2 || x.Shape[1] != n)
            throw new ArgumentException($"Unflatten to {TensorShape.Format(_shape)} needs input [N, {n}], got {TensorShape.Format(x.Shape)}");
        var target = new int[_shape.Length + 1];
        target[0] = x.Shape[0];
        _shape.CopyTo(target, 1);
        return x.Reshape(target);
    }
}
