using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>max(x, 0); the gradient at 0 is 0.</summary>
    public Variable<T> Relu()
    {
        var x = Data;
        return Record(x.Relu(), [this], g => Accumulate(g.MaskPositive(x)));
    }
}
