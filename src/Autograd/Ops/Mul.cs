using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a · b element-wise with broadcasting.</summary>
    public static Variable<T> operator *(Variable<T> a, Variable<T> b)
        => Record(a.Data * b.Data, [a, b], g =>
        {
            if (a.RequiresGrad) a.Accumulate((g * b.Data).SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate((g * a.Data).SumToShape(b.Shape));
        });
}
