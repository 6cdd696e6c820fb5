using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>|x|; the gradient at 0 is 0, as in PyTorch.</summary>
    public Variable<T> Abs()
    {
        var x = Data;
        return Record(x.Abs(), [this], g => Accumulate(g * x.Sign()));
    }
}
