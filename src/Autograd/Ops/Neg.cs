using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>−x.</summary>
    public Variable<T> Neg() => Record(Data.Neg(), [this], g => Accumulate(g.Neg()));

    /// <summary>−a.</summary>
    public static Variable<T> operator -(Variable<T> a) => a.Neg();
}
