using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Repeated along broadcast axes (a view); the gradient is summed back.</summary>
    public Variable<T> BroadcastTo(params int[] shape) => Record(Data.BroadcastTo(shape), [this], g => Accumulate(g.SumToShape(Shape)));
}
