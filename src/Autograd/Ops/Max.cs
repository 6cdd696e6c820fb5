using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Maximum over <paramref name="axes"/> (all when null or empty).</summary>
    /// <remarks>As torch.amax, the gradient is split equally among the entries that attain the maximum.</remarks>
    public Variable<T> Max(int[]? axes = null, bool keepDims = false)
    {
        var x = Data;
        var y = x.Max(axes, keepDims);
        return Record(y, [this], g =>
        {
            var kept = ReductionAxes.KeptShape(Shape, axes);
            var mask = x.EqualMask(y.Reshape(kept));
            var share = g.Reshape(kept) / mask.Sum(axes, keepDims: true);
            Accumulate(mask * share);
        });
    }

    /// <summary>Maximum over one axis.</summary>
    public Variable<T> Max(int axis, bool keepDims = false) => Max([axis], keepDims);
}
