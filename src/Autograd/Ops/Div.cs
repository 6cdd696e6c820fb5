using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a / b with broadcasting.</summary>
    /// <remarks>db = −g·a / b², in PyTorch's order of operations.</remarks>
    public static Variable<T> operator /(Variable<T> a, Variable<T> b)
    {
        Tensor<T> x = a.Data, y = b.Data;
        return Record(x / y, [a, b], g =>
    {
            if (a.RequiresGrad) a.Accumulate((g / y).SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate((g.Neg() * x / y.Square()).SumToShape(b.Shape));
        });
    }
}
