using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>xᵖ for a constant exponent.</summary>
    /// <remarks>The gradient p·xᵖ⁻¹ is taken as 0 when p = 0, as PyTorch does (so 0⁻¹ never appears).</remarks>
    public Variable<T> Pow(T p)
    {
        var x = Data;
        return Record(x.Pow(p), [this], g => Accumulate(p == T.Zero ? g.ZerosLike() : g * (x.Pow(p - T.One) * p)));
    }
}
