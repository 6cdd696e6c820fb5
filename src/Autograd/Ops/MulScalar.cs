using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a · s.</summary>
    public static Variable<T> operator *(Variable<T> a, T s) => Record(a.Data * s, [a], g => a.Accumulate(g * s));

    /// <summary>s · a.</summary>
    public static Variable<T> operator *(T s, Variable<T> a) => a * s;

    /// <summary>a / s.</summary>
    public static Variable<T> operator /(Variable<T> a, T s) => Record(a.Data / s, [a], g => a.Accumulate(g / s));
}
