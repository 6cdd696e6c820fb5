using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models;

/// <summary>A trainable slot of a module: the current leaf <see cref="Variable{T}"/> that forward passes read and optimizers update.</summary>
/// <remarks>A slot rather than a bare variable so that tests (gradient checks) and device moves can swap the leaf without re-wiring the module.</remarks>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Variable<T> _value;

    /// <summary>A parameter holding <paramref name="data"/> as a leaf that requires a gradient.</summary>
    public Parameter(Tensor<T> data, string? name = null) => _value = new Variable<T>(data, requiresGrad: true, name);

    /// <summary>The leaf used by forward passes. A replacement must have the same shape.</summary>
    public Variable<T> Value
    {
        get => _value;
        set
        {
            if (!TensorShape.SameShape(value.Shape, _value.Shape))
                throw new ArgumentException($"parameter {_value.Name ?? ""} has shape {TensorShape.Format(_value.Shape)}; cannot replace it with {TensorShape.Format(value.Shape)}");
            _value = value;
        }
    }

    /// <summary>The current values.</summary>
    public Tensor<T> Data { get => _value.Data; set => Value = new Variable<T>(value, requiresGrad: true, _value.Name); }

    /// <summary>The gradient of the last backward pass, or null.</summary>
    public Tensor<T>? Grad { get => _value.Grad; set => _value.Grad = value; }

    /// <summary>The shape.</summary>
    public int[] Shape => _value.Shape;
}

/// <summary>A non-trainable state tensor of a module that is saved with it (BatchNorm's running statistics).</summary>
public sealed class Buffer<T>(Tensor<T> value) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The current value.</summary>
    public Tensor<T> Value { get; set; } = value;
}
