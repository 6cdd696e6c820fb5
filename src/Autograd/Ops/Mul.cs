using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a · b element-wise with broadcasting.</summary>
    public static Variable<T> operator *(Variable<T> a, Variable<T> b)
    {
        Tensor<T> x = a.Data, y = b.Data;
        return Record(x * y, [a, b], g =>
    {
            if (a.RequiresGrad) a.Accumulate((g * y).SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate((g * x).SumToShape(b.Shape));
        });
    }
}
