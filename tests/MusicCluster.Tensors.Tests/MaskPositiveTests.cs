using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

public class MaskPositiveTests
{
    [Fact]
    public void EqualsProductWithStepBitForBit()
    {
        // 67 elements: the vector loop plus a scalar tail; special values in both operands.
        var rng = new SeededRandom(11);
        var g = Tensor<float>.Uniform(rng, -1f, 1f, 67).ToArray();
        var x = Tensor<float>.Uniform(rng, -1f, 1f, 67).ToArray();
        g[0] = float.NaN; g[1] = float.PositiveInfinity; g[2] = float.NegativeInfinity; g[3] = -0f; g[66] = float.NaN;
        x[0] = -1f; x[1] = -1f; x[2] = 1f; x[3] = -2f; x[4] = 0f; x[5] = -0f; x[6] = float.NaN; x[66] = 0.5f;
        var gt = Tensor<float>.FromArray(g, 67);
        var xt = Tensor<float>.FromArray(x, 67);
        var fused = gt.MaskPositive(xt).ToArray();
        var reference = (gt * xt.Step(0f)).ToArray();
        for (int i = 0; i < 67; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(reference[i]), BitConverter.SingleToInt32Bits(fused[i]));
    }

    [Fact]
    public void BroadcastsAndAcceptsStridedOperands()
    {
        var rng = new SeededRandom(12);
        var g = Tensor<double>.Uniform(rng, -1.0, 1.0, 5, 4);
        var x = Tensor<double>.Uniform(rng, -1.0, 1.0, 4, 5).Transpose();
        Assert.Equal((g * x.Step(0.0)).ToArray(), g.MaskPositive(x).ToArray());
        var row = Tensor<double>.Uniform(rng, -1.0, 1.0, 4);
        Assert.Equal((g * row.Step(0.0)).ToArray(), g.MaskPositive(row).ToArray());
    }
}
