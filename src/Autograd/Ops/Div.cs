using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a / b with broadcasting.</summary>
    /// <remarks>db = −g·a / b², in PyTorch's order of operations.</remarks>
    public static Variable<T> operator /(Variable<T> a, Variable<T> b)
        => Record(a.Data / b.Data, [a, b], g =>
        {
            if (a.RequiresGrad) a.Accumulate((g / b.Data).SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate((g.Neg() * a.Data / b.Data.Square()).SumToShape(b.Shape));
        });
}
