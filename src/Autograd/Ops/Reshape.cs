using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>The same elements with another shape (one −1 is inferred).</summary>
    public Variable<T> Reshape(params int[] shape) => Record(Data.Reshape(shape), [this], g => Accumulate(g.Reshape(Shape)));
}
