using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>ln(1 + eˣ), stable for large |x|; its gradient is σ(x).</summary>
    public Variable<T> Softplus() => Record(Data.Softplus(), [this], g => Accumulate(g * Data.Sigmoid()));
}
