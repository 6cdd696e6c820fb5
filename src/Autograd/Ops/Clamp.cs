using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x limited to [min, max]; the gradient passes where min ≤ x ≤ max (boundaries included, as PyTorch).</summary>
    public Variable<T> Clamp(T min, T max) => Record(Data.Clamp(min, max), [this], g => Accumulate(g * Data.InRange(min, max)));
}
