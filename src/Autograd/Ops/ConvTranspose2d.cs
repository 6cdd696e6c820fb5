using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Transposed convolution of x [N, Cin, H, W] with weight [Cin, Cout, kh, kw] and optional bias [Cout], as PyTorch's conv_transpose2d.</summary>
    /// <remarks>The input gradient is a forward convolution and the weight gradient the convolution's weight gradient with the roles swapped.</remarks>
    public static Variable<T> ConvTranspose2d(Variable<T> x, Variable<T> weight, Variable<T>? bias = null, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        Tensor<T> input = x.Data, w = weight.Data;
        var y = Tensor<T>.ConvTranspose2d(input, w, bias?.Data, stride, padding, outputPadding);
        Variable<T>[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Record(y, parents, g =>
        {
            if (x.RequiresGrad) x.Accumulate(Tensor<T>.ConvTranspose2dBackwardInput(g, w, x.Shape, stride, padding, outputPadding));
            if (weight.RequiresGrad) weight.Accumulate(Tensor<T>.ConvTranspose2dBackwardWeight(input, g, weight.Shape, stride, padding, outputPadding));
            if (bias is not null && bias.RequiresGrad) bias.Accumulate(g.Sum([0, 2, 3]));
        });
    }
}
