using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x².</summary>
    public Variable<T> Square()
    {
        var x = Data;
        return Record(x.Square(), [this], g => Accumulate(g * (x * (T.One + T.One))));
    }
}
