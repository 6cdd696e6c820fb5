using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>ln x.</summary>
    public Variable<T> Log() => Record(Data.Log(), [this], g => Accumulate(g / Data));
}
