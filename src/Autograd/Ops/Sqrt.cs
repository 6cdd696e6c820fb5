using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>√x; the gradient g / (2√x) reuses the result.</summary>
    public Variable<T> Sqrt()
    {
        var y = Data.Sqrt();
        return Record(y, [this], g => Accumulate(g / (y * (T.One + T.One))));
    }
}
