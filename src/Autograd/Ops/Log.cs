using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>ln x.</summary>
    public Variable<T> Log()
    {
        var x = Data;
        return Record(x.Log(), [this], g => Accumulate(g / x));
    }
}
