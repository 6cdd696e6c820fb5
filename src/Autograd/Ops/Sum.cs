using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Sum over <paramref name="axes"/> (all when null or empty); the gradient is broadcast back.</summary>
    public Variable<T> Sum(int[]? axes = null, bool keepDims = false)
        => Record(Data.Sum(axes, keepDims), [this], g => Accumulate(ReductionAxes.Expand(g, Shape, axes)));

    /// <summary>Sum over one axis.</summary>
    public Variable<T> Sum(int axis, bool keepDims = false) => Sum([axis], keepDims);
}
