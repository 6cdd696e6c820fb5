namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>a + b with broadcasting; the gradient is summed back over broadcast axes.</summary>
    public static Variable<T> operator +(Variable<T> a, Variable<T> b)
        => Record(a.Data + b.Data, [a, b], g =>
        {
            if (a.RequiresGrad) a.Accumulate(g.SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate(g.SumToShape(b.Shape));
        });
}
