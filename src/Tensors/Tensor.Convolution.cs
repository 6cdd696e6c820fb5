using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>2-D convolution of input [N, C, H, W] with weight [O, C, kh, kw] and optional bias [O] (PyTorch's conv2d).</summary>
    public static Tensor<T> Conv2d(Tensor<T> input, Tensor<T> weight, Tensor<T>? bias = null, int stride = 1, int padding = 0)
    {
        var g = Conv2dGeometryOf(input.Shape, weight.Shape, stride, padding);
        CheckBias(bias, g.OutChannels, "conv2d");
        var x = Packed(input, "conv2d"); var w = Packed(weight, "conv2d");
        var y = ZerosOn(input.Backend, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
        input.Backend.Conv2d(g, x.Storage, w.Storage, bias is null ? null : Packed(bias, "conv2d").Storage, y.Storage);
        return y;
    }

    /// <summary>Gradient of <see cref="Conv2d"/> with respect to its input (shape <paramref name="inputShape"/>).</summary>
    public static Tensor<T> Conv2dBackwardInput(Tensor<T> gradOutput, Tensor<T> weight, int[] inputShape, int stride = 1, int padding = 0)
    {
        var g = Conv2dGeometryOf(inputShape, weight.Shape, stride, padding);
        var gx = ZerosOn(gradOutput.Backend, inputShape);
        gradOutput.Backend.Conv2dBackwardInput(g, Packed(gradOutput, "conv2d backward").Storage, Packed(weight, "conv2d backward").Storage, gx.Storage);
        return gx;
    }

    /// <summary>Gradient of <see cref="Conv2d"/> with respect to its weight (shape <paramref name="weightShape"/>).</summary>
    public static Tensor<T> Conv2dBackwardWeight(Tensor<T> input, Tensor<T> gradOutput, int[] weightShape, int stride = 1, int padding = 0)
    {
        var g = Conv2dGeometryOf(input.Shape, weightShape, stride, padding);
        var gw = ZerosOn(input.Backend, weightShape);
        input.Backend.Conv2dBackwardWeight(g, Packed(input, "conv2d backward").Storage, Packed(gradOutput, "conv2d backward").Storage, gw.Storage);
        return gw;
    }

    /// <summary>Transposed convolution of input [N, Cin, H, W] with weight [Cin, Cout, kh, kw] (PyTorch's conv_transpose2d).</summary>
    public static Tensor<T> ConvTranspose2d(Tensor<T> input, Tensor<T> weight, Tensor<T>? bias = null, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        var g = ConvTranspose2dGeometryOf(input.Shape, weight.Shape, stride, padding, outputPadding);
        CheckBias(bias, g.OutChannels, "conv_transpose2d");
        var y = ZerosOn(input.Backend, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
        input.Backend.Conv2dBackwardInput(g.AsConvolution, Packed(input, "conv_transpose2d").Storage, Packed(weight, "conv_transpose2d").Storage, y.Storage);
        if (bias is null) return y;
        // Add the bias into the fresh output in place (same element-wise sums as y + bias, one allocation fewer).
        var b = bias.Reshape(1, g.OutChannels, 1, 1);
        y.Backend.Binary(BinaryOp.Add, y.Storage, y.Offset, y.Strides, b.Storage, b.Offset,
            TensorShape.BroadcastStrides(b.Shape, b.Strides, y.Shape), y.Shape, y.Storage);
        return y;
    }

    /// <summary>Gradient of <see cref="ConvTranspose2d"/> with respect to its input: a forward convolution.</summary>
    public static Tensor<T> ConvTranspose2dBackwardInput(Tensor<T> gradOutput, Tensor<T> weight, int[] inputShape, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        var g = ConvTranspose2dGeometryOf(inputShape, weight.Shape, stride, padding, outputPadding);
        var gx = ZerosOn(gradOutput.Backend, inputShape);
        gradOutput.Backend.Conv2d(g.AsConvolution, Packed(gradOutput, "conv_transpose2d backward").Storage, Packed(weight, "conv_transpose2d backward").Storage, null, gx.Storage);
        return gx;
    }

    /// <summary>Gradient of <see cref="ConvTranspose2d"/> with respect to its weight.</summary>
    public static Tensor<T> ConvTranspose2dBackwardWeight(Tensor<T> input, Tensor<T> gradOutput, int[] weightShape, int stride = 1, int padding = 0, int outputPadding = 0)
    {
        var g = ConvTranspose2dGeometryOf(input.Shape, weightShape, stride, padding, outputPadding);
        var gw = ZerosOn(input.Backend, weightShape);
        input.Backend.Conv2dBackwardWeight(g.AsConvolution, Packed(gradOutput, "conv_transpose2d backward").Storage, Packed(input, "conv_transpose2d backward").Storage, gw.Storage);
        return gw;
    }

    /// <summary>The geometry of a convolution, with shape errors that print both shapes.</summary>
    public static Conv2dGeometry Conv2dGeometryOf(int[] inputShape, int[] weightShape, int stride, int padding)
    {
        if (inputShape.Length != 4 || weightShape.Length != 4)
            throw new ArgumentException($"conv2d needs input [N, C, H, W] and weight [O, C, kh, kw], got {TensorShape.Format(inputShape)} and {TensorShape.Format(weightShape)}");
        if (stride < 1 || padding < 0) throw new ArgumentException($"conv2d: stride must be ≥ 1 and padding ≥ 0 (got {stride}, {padding})");
        if (inputShape[1] != weightShape[1])
            throw new ArgumentException($"conv2d: input {TensorShape.Format(inputShape)} has {inputShape[1]} channels but weight {TensorShape.Format(weightShape)} expects {weightShape[1]}");
        var g = new Conv2dGeometry(inputShape[0], inputShape[1], inputShape[2], inputShape[3], weightShape[0], weightShape[2], weightShape[3], stride, stride, padding, padding);
        if (inputShape[2] + 2 * padding < weightShape[2] || inputShape[3] + 2 * padding < weightShape[3])
            throw new ArgumentException($"conv2d: kernel {TensorShape.Format(weightShape)} is larger than the padded input {TensorShape.Format(inputShape)}");
        return g;
    }

    /// <summary>The geometry of a transposed convolution, with shape errors that print both shapes.</summary>
    public static ConvTranspose2dGeometry ConvTranspose2dGeometryOf(int[] inputShape, int[] weightShape, int stride, int padding, int outputPadding)
    {
        if (inputShape.Length != 4 || weightShape.Length != 4)
            throw new ArgumentException($"conv_transpose2d needs input [N, Cin, H, W] and weight [Cin, Cout, kh, kw], got {TensorShape.Format(inputShape)} and {TensorShape.Format(weightShape)}");
        if (stride < 1 || padding < 0 || outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentException($"conv_transpose2d: need stride ≥ 1, padding ≥ 0 and 0 ≤ output padding < stride (got {stride}, {padding}, {outputPadding})");
        if (inputShape[1] != weightShape[0])
            throw new ArgumentException($"conv_transpose2d: input {TensorShape.Format(inputShape)} has {inputShape[1]} channels but weight {TensorShape.Format(weightShape)} expects {weightShape[0]}");
        var g = new ConvTranspose2dGeometry(inputShape[0], inputShape[1], inputShape[2], inputShape[3], weightShape[1], weightShape[2], weightShape[3],
            stride, stride, padding, padding, outputPadding, outputPadding);
        if (g.OutHeight <= 0 || g.OutWidth <= 0)
            throw new ArgumentException($"conv_transpose2d: input {TensorShape.Format(inputShape)} with weight {TensorShape.Format(weightShape)} gives an empty output");
        return g;
    }

    private static void CheckBias(Tensor<T>? bias, int channels, string op)
    {
        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != channels))
            throw new ArgumentException($"{op}: bias {TensorShape.Format(bias.Shape)} should be [{channels}]");
    }

    private static Tensor<T> Packed(Tensor<T> t, string op) => t.IsContiguous && t.Offset == 0 && t.Storage.Length == t.Length ? t : t.Clone();
}
