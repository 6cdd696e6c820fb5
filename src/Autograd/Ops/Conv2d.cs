using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>2-D convolution of x [N, C, H, W] with weight [O, C, kh, kw] and optional bias [O], as PyTorch's conv2d.</summary>
    /// <remarks>The backward calls the dedicated input- and weight-gradient kernels; the bias gradient sums over N, H, W.</remarks>
    public static Variable<T> Conv2d(Variable<T> x, Variable<T> weight, Variable<T>? bias = null, int stride = 1, int padding = 0)
    {
        Tensor<T> input = x.Data, w = weight.Data;
        var y = Tensor<T>.Conv2d(input, w, bias?.Data, stride, padding);
        Variable<T>[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Record(y, parents, g =>
        {
            if (x.RequiresGrad) x.Accumulate(Tensor<T>.Conv2dBackwardInput(g, w, x.Shape, stride, padding));
            if (weight.RequiresGrad) weight.Accumulate(Tensor<T>.Conv2dBackwardWeight(input, g, weight.Shape, stride, padding));
            if (bias is not null && bias.RequiresGrad) bias.Accumulate(g.Sum([0, 2, 3]));
        });
    }
}
