using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

// Shared by the losses: shape checks and applying a Reduction forward and backward.
public sealed partial class Variable<T>
{
    private static Tensor<T> Reduce(Tensor<T> elementwise, Reduction reduction) => reduction switch
    {
        Reduction.Mean => elementwise.Mean(),
        Reduction.Sum => elementwise.Sum(),
        Reduction.None => elementwise,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, null),
    };

    // The gradient of each element's loss: the scalar g (divided by the count for a mean), or g itself for None.
    private static Tensor<T> ReducedGradient(Tensor<T> g, int count, Reduction reduction)
        => reduction == Reduction.Mean ? g / T.CreateTruncating(count) : g;

    private static void RequireSameShape(Variable<T> a, Variable<T> b, string op)
    {
        if (!TensorShape.SameShape(a.Shape, b.Shape))
            throw new ArgumentException($"{op}: input {TensorShape.Format(a.Shape)} and target {TensorShape.Format(b.Shape)} must have the same shape");
    }
}
