using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>eˣ; the backward reuses the result.</summary>
    public Variable<T> Exp()
    {
        var y = Data.Exp();
        return Record(y, [this], g => Accumulate(g * y));
    }
}
