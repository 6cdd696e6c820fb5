using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Gradient checks of Sum, Mean, Max and Variance over axis sets, with and without keepDims.</summary>
public class ReductionGradCheckTests
{
    private static void Check(Func<V[], V> f, params Tensor<double>[] inputs) => Assert.True(GradCheck.Assert(f, inputs).Passed);

    public static TheoryData<int[]?, bool> AxisSets => new()
    {
        { null, false }, { null, true },
        { [0], false }, { [1], true }, { [-1], false },
        { [0, 2], false }, { [0, 2], true },
        { [1, 2], false }, { [2, 0], true },
        { [0, 1, 2], false },
    };

    [Theory]
    [MemberData(nameof(AxisSets))]
    public void SumMeanMaxVarianceOverAxisSets(int[]? axes, bool keepDims)
    {
        var x = Distinct(21, 2, 3, 4);
        Check(v => v[0].Sum(axes, keepDims), x);
        Check(v => v[0].Mean(axes, keepDims), x);
        Check(v => v[0].Max(axes, keepDims), x);
        Check(v => v[0].Variance(axes, unbiased: true, keepDims), x);
        Check(v => v[0].Variance(axes, unbiased: false, keepDims), x);
    }

    [Fact]
    public void SingleAxisOverloadsAndNonContiguousInput()
    {
        var x = Distinct(22, 4, 3).Transpose(); // [3, 4] strided
        Check(v => v[0].Sum(1), x);
        Check(v => v[0].Mean(0, keepDims: true), x);
        Check(v => v[0].Max(1, keepDims: true), x);
        Check(v => v[0].Variance([1]), x);
        var narrowed = Normal(23, 3, 6).Narrow(1, 2, 3);
        Check(v => v[0].Sum([0]) * v[0].Mean([0]), narrowed);
    }

    [Fact]
    public void ReductionsOfBroadcastResults()
    {
        var a = Normal(24, 3, 1);
        var b = Normal(25, 4);
        Check(v => (v[0] * v[1]).Sum([0]), a, b);
        Check(v => (v[0] + v[1]).Variance([1], keepDims: true), a, b);
    }

    [Fact]
    public void MaxSplitsTheGradientEquallyAmongTies()
    {
        // torch.amax: each of the k maximal entries receives g/k.
        var x = new V(Tensor<double>.FromArray([3, 1, 3, 5, 2, 5, 0, 5, -1], 3, 3), requiresGrad: true);
        x.Max(1).Backward(Tensor<double>.FromArray([1, 2, 3], 3));
        Assert.Equal([0.5, 0, 0.5, 1, 0, 1, 0, 3, 0], x.Grad!.ToArray());
        var y = new V(Tensor<double>.FromArray([2, 2, 2, 1], 4), requiresGrad: true);
        y.Max().Backward();
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3, 0], y.Grad!.ToArray());
    }

    [Fact]
    public void VarianceUnbiasedFlagScalesTheGradient()
    {
        // d/dx var(x) = 2(x − mean)/d with d = N − 1 (unbiased) or N.
        var data = Tensor<double>.FromArray([1, 2, 4, 5], 4);
        var x = new V(data, requiresGrad: true);
        x.Variance().Backward();
        Assert.Equal([-4.0 / 3, -2.0 / 3, 2.0 / 3, 4.0 / 3], x.Grad!.ToArray(), new Tol(1e-12));
        var z = new V(data, requiresGrad: true);
        z.Variance(unbiased: false).Backward();
        Assert.Equal([-1, -0.5, 0.5, 1], z.Grad!.ToArray(), new Tol(1e-12));
    }
}

internal sealed class Tol(double eps) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
    public int GetHashCode(double v) => 0;
}
