using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>A new axis of size 1 at <paramref name="axis"/> (negative counts from the end of the result).</summary>
    public Variable<T> Unsqueeze(int axis)
    {
        var y = Data.Unsqueeze(axis);
        int a = axis < 0 ? axis + y.Rank : axis;
        return Record(y, [this], g => Accumulate(g.Squeeze(a)));
    }
}
