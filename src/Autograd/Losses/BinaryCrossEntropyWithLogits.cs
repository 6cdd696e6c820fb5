using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Binary cross-entropy of sigmoid(logits) against targets in [0, 1], as PyTorch's binary_cross_entropy_with_logits.</summary>
    /// <remarks>
    /// Computed as softplus(x) − x·t, which never overflows and never takes log(0). Gradients: (σ(x) − t)·g for the
    /// logits and −x·g for the target.
    /// </remarks>
    public static Variable<T> BinaryCrossEntropyWithLogits(Variable<T> logits, Variable<T> target, Reduction reduction = Reduction.Mean)
    {
        RequireSameShape(logits, target, "binary_cross_entropy_with_logits");
        var x = logits.Data; var t = target.Data;
        var loss = Reduce(x.Softplus() - x * t, reduction);
        return Record(loss, [logits, target], g =>
        {
            var scale = ReducedGradient(g, x.Length, reduction);
            if (logits.RequiresGrad) logits.Accumulate((x.Sigmoid() - t) * scale);
            if (target.RequiresGrad) target.Accumulate(x.Neg() * scale);
        });
    }
}
