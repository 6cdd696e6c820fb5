using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Gradient checks (float64 central differences, full Jacobian) of the element-wise ops.</summary>
public class ElementwiseGradCheckTests
{
    private static void Check(Func<V[], V> f, params Tensor<double>[] inputs) => Assert.True(GradCheck.Assert(f, inputs).Passed);

    public static TheoryData<string, int[], int[]> BroadcastShapes => new()
    {
        { "same", [2, 3], [2, 3] },
        { "row", [2, 3, 4], [4] },
        { "column", [2, 3, 4], [3, 1] },
        { "scalar", [2, 3], [] },
        { "both ways", [1, 3, 1], [2, 1, 4] },
        { "left broadcast", [3], [2, 3] },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void AddSubMulDivWithBroadcasting(string name, int[] sa, int[] sb)
    {
        _ = name;
        var a = Normal(1, sa);
        var b = Uniform(2, 0.5, 2, sb); // away from 0 so division is smooth
        Check(v => v[0] + v[1], a, b);
        Check(v => v[0] - v[1], a, b);
        Check(v => v[0] * v[1], a, b);
        Check(v => v[0] / v[1], a, b);
        Check(v => v[1] / v[0].Exp(), a, b);
    }

    [Fact]
    public void BinaryOpsOnNonContiguousViews()
    {
        var a = Normal(3, 4, 3).Transpose();      // [3, 4], strided
        var b = Uniform(4, 0.5, 2, 3, 6).Narrow(1, 1, 4); // [3, 4], offset and gap
        Assert.False(a.IsContiguous);
        Assert.False(b.IsContiguous);
        Check(v => v[0] * v[1] - v[0] / v[1], a, b);
        Check(v => v[0] + v[1].Narrow(0, 2, 1), a, b); // broadcast of a narrowed row
    }

    [Fact]
    public void ScalarArithmetic()
    {
        var a = Normal(5, 2, 3);
        Check(v => v[0] + 1.5, a);
        Check(v => 1.5 + v[0], a);
        Check(v => v[0] - 0.25, a);
        Check(v => 0.25 - v[0], a);
        Check(v => v[0] * -3.0, a);
        Check(v => 2.0 * v[0], a);
        Check(v => v[0] / 4.0, a);
        Check(v => -v[0], a);
        Check(v => v[0].Neg(), a);
    }

    [Fact]
    public void SmoothUnaryFunctions()
    {
        var x = Normal(6, 3, 4);
        var positive = Uniform(7, 0.2, 3, 3, 4);
        Check(v => v[0].Exp(), x);
        Check(v => v[0].Log(), positive);
        Check(v => v[0].Sqrt(), positive);
        Check(v => v[0].Square(), x);
        Check(v => v[0].Sigmoid(), x);
        Check(v => v[0].Tanh(), x);
        Check(v => v[0].Softplus(), x);
        Check(v => (v[0] * 30.0).Softplus(), x); // large |x|: the stable branch
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(0.5)]
    [InlineData(-1.5)]
    [InlineData(1.0)]
    public void PowWithConstantExponent(double p)
        => Check(v => v[0].Pow(p), Uniform(8, 0.3, 2.5, 2, 5));

    [Fact]
    public void PowWithZeroExponentHasZeroGradient()
    {
        var x = new V(Normal(9, 4), requiresGrad: true);
        x.Pow(0).Sum().Backward();
        Assert.Equal(new double[4], x.Grad!.ToArray());
        Check(v => v[0].Pow(0), Normal(9, 4));
    }

    [Fact]
    public void PiecewiseFunctionsAwayFromTheirKinks()
    {
        var x = AwayFrom(0, 0.01, 10, 4, 5);
        Check(v => v[0].Relu(), x);
        Check(v => v[0].LeakyRelu(0.2), x);
        Check(v => v[0].Abs(), x);
        var c = AwayFrom(-0.5, 0.01, 11, 4, 5);
        var d = Tensor<double>.FromArray(c.ToArray().Select(t => t > 0.5 && t < 0.52 ? 0.52 : t).ToArray(), 4, 5);
        Check(v => v[0].Clamp(-0.5, 0.5), d);
    }

    [Fact]
    public void KinksFollowPyTorch()
    {
        // relu'(0) = 0, leaky'(0) = slope, |x|'(0) = 0, clamp passes the gradient on its boundaries.
        var x = new V(Tensor<double>.FromArray([-1, 0, 1, 0.5], 4), requiresGrad: true);
        x.Relu().Sum().Backward();
        Assert.Equal([0, 0, 1, 1], x.Grad!.ToArray());
        x.Grad = null;
        x.LeakyRelu(0.1).Sum().Backward();
        Assert.Equal([0.1, 0.1, 1, 1], x.Grad!.ToArray());
        x.Grad = null;
        x.Abs().Sum().Backward();
        Assert.Equal([-1, 0, 1, 1], x.Grad!.ToArray());
        x.Grad = null;
        x.Clamp(0, 0.5).Sum().Backward();
        Assert.Equal([0, 1, 0, 1], x.Grad!.ToArray());
    }

    [Fact]
    public void CompositeExpressionReusingAnInput()
    {
        var x = Normal(12, 3, 2);
        var y = Uniform(13, 0.5, 1.5, 2);
        Check(v => (v[0] * v[0] + v[0].Tanh() * v[1]).Sigmoid() / (v[1] + v[0].Square()), x, y);
    }
}
