using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>ln(1 + eˣ), stable for large |x|; its gradient is σ(x).</summary>
    public Variable<T> Softplus()
    {
        var x = Data;
        return Record(x.Softplus(), [this], g => Accumulate(g * x.Sigmoid()));
    }
}
