using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Variance over <paramref name="axes"/> (all when null or empty), unbiased (N − 1) by default as torch.var.</summary>
    /// <remarks>The gradient 2(x − mean)/d recomputes the centred values instead of keeping them alive.</remarks>
    public Variable<T> Variance(int[]? axes = null, bool unbiased = true, bool keepDims = false)
    {
        var x = Data;
        return Record(x.Variance(axes, unbiased, keepDims), [this], g =>
        {
            int n = ReductionAxes.Count(Shape, axes);
            T scale = (T.One + T.One) / T.CreateTruncating(unbiased ? n - 1 : n);
            var centred = x - x.Mean(axes, keepDims: true);
            Accumulate(centred * (g.Reshape(ReductionAxes.KeptShape(Shape, axes)) * scale));
        });
    }
}
