using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Removes axis <paramref name="axis"/>, which must have size 1.</summary>
    public Variable<T> Squeeze(int axis)
    {
        int a = TensorShape.NormalizeAxis(axis, Data.Rank);
        return Record(Data.Squeeze(a), [this], g => Accumulate(g.Unsqueeze(a)));
    }
}
