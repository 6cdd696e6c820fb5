using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>tanh x; the gradient 1 − tanh² reuses the result.</summary>
    public Variable<T> Tanh()
    {
        var y = Data.Tanh();
        return Record(y, [this], g => Accumulate(g * (T.One - y.Square())));
    }
}
