using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x·weightᵀ + bias with weight [out, in] and bias [out], as PyTorch's F.linear; leading axes of x are batch axes.</summary>
    /// <remarks>
    /// Leading axes are flattened into one GEMM. The transposes (x·Wᵀ, g·W, gᵀ·x) go through the kernel's flags, never
    /// materialised; the bias gradient sums the rows.
    /// </remarks>
    public static Variable<T> Linear(Variable<T> x, Variable<T> weight, Variable<T>? bias = null)
    {
        if (weight.Data.Rank != 2 || x.Data.Rank < 1 || x.Shape[^1] != weight.Shape[1])
            throw new ArgumentException($"linear: input {TensorShape.Format(x.Shape)} and weight {TensorShape.Format(weight.Shape)} do not fit (weight is [out, in], input [..., in])");
        int outFeatures = weight.Shape[0], inFeatures = weight.Shape[1];
        if (bias is not null && (bias.Data.Rank != 1 || bias.Shape[0] != outFeatures))
            throw new ArgumentException($"linear: bias {TensorShape.Format(bias.Shape)} should be [{outFeatures}] for weight {TensorShape.Format(weight.Shape)}");
        int[] outShape = [.. x.Shape[..^1], outFeatures];
        var x2 = x.Data.Reshape(-1, inFeatures);
        var w = weight.Data;
        var y = Tensor<T>.MatMul(x2, w, transposeB: true);
        if (bias is not null)
        {
            var product = y;
            y += bias.Data;
            product.Backend.Recycle(product.Storage); // a temporary nobody else has seen
        }
        Variable<T>[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Record(y.Reshape(outShape), parents, g =>
        {
            var g2 = g.Reshape(-1, outFeatures);
            if (x.RequiresGrad) x.Accumulate(Tensor<T>.MatMul(g2, w).Reshape(x.Shape));
            if (weight.RequiresGrad) weight.Accumulate(Tensor<T>.MatMul(g2, x2, transposeA: true));
            if (bias is not null && bias.RequiresGrad) bias.Accumulate(g2.Sum(0));
        });
    }
}
