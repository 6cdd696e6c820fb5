using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Mean over <paramref name="axes"/> (all when null or empty); the gradient is broadcast back over the count.</summary>
    public Variable<T> Mean(int[]? axes = null, bool keepDims = false)
        => Record(Data.Mean(axes, keepDims), [this], g =>
        {
            T scale = T.One / T.CreateTruncating(ReductionAxes.Count(Shape, axes));
            Accumulate(ReductionAxes.Expand(g * scale, Shape, axes));
        });

    /// <summary>Mean over one axis.</summary>
    public Variable<T> Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);
}
