using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>The logistic function; the gradient σ(1 − σ) reuses the result.</summary>
    public Variable<T> Sigmoid()
    {
        var y = Data.Sigmoid();
        return Record(y, [this], g => Accumulate(g * (T.One - y) * y));
    }
}
