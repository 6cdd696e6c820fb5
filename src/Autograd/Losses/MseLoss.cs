using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Squared error (pred − target)², reduced as PyTorch's mse_loss; pred and target must have the same shape.</summary>
    /// <remarks>One fused node: the backward is 2·(pred − target)·g (scaled by 1/N for the mean), and −that for the target.</remarks>
    public static Variable<T> MseLoss(Variable<T> pred, Variable<T> target, Reduction reduction = Reduction.Mean)
    {
        RequireSameShape(pred, target, "mse_loss");
        var diff = pred.Data - target.Data;
        var squared = diff.Square();
        var loss = Reduce(squared, reduction);
        if (reduction != Reduction.None) squared.Backend.Recycle(squared.Storage); // only the reduced value is kept
        return Record(loss, [pred, target], g =>
        {
            // Scaling the (usually one-element) upstream gradient by 2 first keeps this to one pass over the elements;
            // doubling is exact, so the result is the same as (diff · g) · 2.
            var gp = diff * (ReducedGradient(g, diff.Length, reduction) * (T.One + T.One));
            if (pred.RequiresGrad) pred.Accumulate(gp);
            if (target.RequiresGrad) target.Accumulate(gp.Neg());
        });
    }
}
