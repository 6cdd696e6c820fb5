using MusicCluster.Tensors;
using MusicCluster.Tensors.Gpu;

namespace MusicCluster.Autograd.Tests.Gpu;

/// <summary>Gradient checks with every tensor on the ILGPU backend (its CPU accelerator in CI): backward runs on GPU kernels.</summary>
/// <remarks>Outputs are reduced to scalars with fixed weights so each check needs one backward pass; shapes stay tiny because the CPU accelerator is slow.</remarks>
public class GpuGradCheckTests
{
    private static readonly GpuBackend Gpu = DeviceSelection.CpuAccelerator;

    private static Tensor<double> G(Tensor<double> t) => t.To(Gpu);

    // Σ f(x)·w for a fixed w on the GPU, so the scalar depends on every output element differently.
    private static Func<Variable<double>[], Variable<double>> Weighted(Func<Variable<double>[], Variable<double>> f, int seed)
        => v =>
        {
            var y = f(v);
            var w = new Variable<double>(G(Inputs.Uniform(seed, 0.5, 1.5, y.Shape)));
            return (y * w).Sum();
        };

    private static void Check(Func<Variable<double>[], Variable<double>> f, params Tensor<double>[] inputs)
    {
        foreach (var x in inputs) Assert.Equal(DeviceKind.Gpu, x.Device);
        var result = GradCheck.Assert(Weighted(f, 99), inputs);
        Assert.True(result.Passed);
    }

    [Fact]
    public void BroadcastArithmeticAndUnaryOps()
    {
        Check(v => (v[0] * v[1] - v[0] / (v[1] + 3.0)).Exp() + v[0].Tanh() * v[1].Sigmoid(), G(Inputs.Normal(1, 2, 3)), G(Inputs.Normal(2, 3)));
        Check(v => v[0].Softplus() + v[0].Square().Sqrt().Log() + v[0].Pow(2.0), G(Inputs.AwayFrom(0, 0.2, 3, 7)));
        Check(v => v[0].Relu() + v[0].LeakyRelu(0.1) + v[0].Clamp(-0.5, 0.5) + v[0].Abs(), G(Inputs.AwayFrom(0, 0.1, 4, 9)));
    }

    [Fact]
    public void ReductionsAndShapeOps()
    {
        var x = G(Inputs.Distinct(5, 2, 3, 4));
        Check(v => v[0].Sum(1) + v[0].Mean([1], keepDims: true).Squeeze(1), x);
        Check(v => v[0].Mean([0, 2]).Unsqueeze(0).Unsqueeze(2) * v[0], x);
        Check(v => v[0].Max(2) + v[0].Variance([2]) + v[0].Transpose(0, 1).Max([0, 2]).Unsqueeze(1), x);
        Check(v => Variable<double>.Concat(1, v[0].Permute(2, 0, 1).Reshape(4, 6), v[0].Narrow(1, 1, 2).Reshape(4, 4)), x);
    }

    [Fact]
    public void MatMulLinearAndLosses()
    {
        Check(v => Variable<double>.MatMul(v[0], v[1]), G(Inputs.Normal(6, 3, 5)), G(Inputs.Normal(7, 5, 4)));
        Check(v => Variable<double>.Linear(v[0], v[1], v[2]).Tanh(), G(Inputs.Normal(8, 4, 3)), G(Inputs.Normal(9, 5, 3)), G(Inputs.Normal(10, 5)));
        var target = G(Inputs.Uniform(11, 0, 1, 3, 4));
        Check(v => Variable<double>.MseLoss(v[0], new Variable<double>(target)) + Variable<double>.BinaryCrossEntropyWithLogits(v[0], new Variable<double>(target), Reduction.Sum),
            G(Inputs.Normal(12, 3, 4)));
        Check(v => Variable<double>.GaussianKlDivergence(v[0], v[1]), G(Inputs.Normal(13, 2, 3)), G(Inputs.Uniform(14, -1, 1, 2, 3)));
    }

    [Fact]
    public void ConvolutionsWithStrideAndPadding()
    {
        Check(v => Variable<double>.Conv2d(v[0], v[1], v[2], stride: 2, padding: 1),
            G(Inputs.Normal(15, 1, 2, 5, 5)), G(Inputs.Normal(16, 3, 2, 3, 3)), G(Inputs.Normal(17, 3)));
        Check(v => Variable<double>.ConvTranspose2d(v[0], v[1], v[2], stride: 2, padding: 1, outputPadding: 1),
            G(Inputs.Normal(18, 1, 2, 3, 3)), G(Inputs.Normal(19, 2, 2, 3, 3)), G(Inputs.Normal(20, 2)));
    }
}
