using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Element-wise operations large enough to be split over the cores give every element exactly as alone.</summary>
public class ParallelElementwiseTests
{
    private const int Large = (1 << 18) + 77; // above the split threshold, and not a multiple of the split alignment

    [Fact]
    public void UnaryOpsOnLargeTensorsMatchElementByElement()
    {
        var x = Tensor<float>.Arange(Large).Reshape(Large) * 1e-4f - 10f;
        float[] xs = x.ToArray(), relu = x.Relu().ToArray(), exp = x.Exp().ToArray(), expected = new float[Large];
        MusicCluster.Tensors.Kernels.ExpFloat.Exp(xs, expected); // the backend's float exp, one thread, one call
        Assert.Equal(expected, exp);
        for (int i = 0; i < Large; i++) Assert.Equal(MathF.Max(xs[i], 0f), relu[i]);
    }

    [Fact]
    public void BinaryOpsOnLargeTensorsMatchElementByElement()
    {
        // One long run, rows with a broadcast row vector, and rows with a broadcast column.
        var a = Tensor<double>.Arange(Large * 2).Reshape(2, Large);
        var row = Tensor<double>.Arange(Large).Reshape(1, Large) * 0.5;
        var col = Tensor<double>.Arange(2).Reshape(2, 1) + 3.0;
        var sum = (a + a).ToArray();
        var rows = (a - row).ToArray();
        var cols = (a * col).ToArray();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < Large; j++)
            {
                double v = i * Large + j;
                Assert.Equal(v + v, sum[i * Large + j]);
                Assert.Equal(v - j * 0.5, rows[i * Large + j]);
                Assert.Equal(v * (i + 3.0), cols[i * Large + j]);
            }
        var wide = Tensor<double>.Arange(600 * 500).Reshape(600, 500);
        var bias = Tensor<double>.Arange(500).Reshape(500);
        var shifted = (wide + bias).ToArray();
        for (int i = 0; i < 600; i++)
            for (int j = 0; j < 500; j++)
                Assert.Equal(i * 500.0 + j + j, shifted[i * 500 + j]);
    }
}
