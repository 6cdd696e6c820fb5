using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x limited to [min, max]; the gradient passes where min ≤ x ≤ max (boundaries included, as PyTorch).</summary>
    public Variable<T> Clamp(T min, T max)
    {
        var x = Data;
        return Record(x.Clamp(min, max), [this], g => Accumulate(g * x.InRange(min, max)));
    }
}
