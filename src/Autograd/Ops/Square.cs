using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x².</summary>
    public Variable<T> Square() => Record(Data.Square(), [this], g => Accumulate(g * (Data * (T.One + T.One))));
}
