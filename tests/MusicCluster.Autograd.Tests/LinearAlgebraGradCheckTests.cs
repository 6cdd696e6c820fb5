using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Gradient checks of MatMul, Linear, Conv2d and ConvTranspose2d.</summary>
public class LinearAlgebraGradCheckTests
{
    private static void Check(Func<V[], V> f, params Tensor<double>[] inputs) => Assert.True(GradCheck.Assert(f, inputs).Passed);

    [Fact]
    public void MatMulPlainBatchedAndTransposedViews()
    {
        Check(v => V.MatMul(v[0], v[1]), Normal(51, 3, 4), Normal(52, 4, 2));
        Check(v => V.MatMul(v[0], v[1]), Normal(53, 2, 3, 4), Normal(54, 2, 4, 2));
        Check(v => V.MatMul(v[0], v[1]), Normal(55, 2, 3, 4), Normal(56, 4, 2)); // shared right matrix
        Check(v => V.MatMul(v[0], v[1]), Normal(57, 3, 4), Normal(58, 2, 4, 2)); // shared left matrix
        Check(v => V.MatMul(v[0], v[1]), Normal(59, 4, 3).Transpose(), Normal(60, 2, 4).Transpose());
        Check(v => V.MatMul(v[0].Transpose(), v[1]), Normal(61, 4, 3), Normal(62, 4, 5).Narrow(1, 1, 2));
    }

    [Fact]
    public void LinearWithAndWithoutBias()
    {
        var w = Normal(63, 3, 4);
        var b = Normal(64, 3);
        Check(v => V.Linear(v[0], v[1], v[2]), Normal(65, 5, 4), w, b);
        Check(v => V.Linear(v[0], v[1]), Normal(66, 5, 4), w);
        Check(v => V.Linear(v[0], v[1], v[2]), Normal(67, 2, 3, 4), w, b); // extra batch axis
        Check(v => V.Linear(v[0], v[1], v[2]), Normal(68, 4), w, b);       // a single vector
        Check(v => V.Linear(v[0], v[1], v[2]), Normal(69, 4, 5).Transpose(), Normal(70, 4, 3).Transpose(), b);
    }

    [Fact]
    public void LinearRejectsMismatchedShapesNamingThem()
    {
        var e = Assert.Throws<ArgumentException>(() => V.Linear(new V(Normal(1, 5, 4)), new V(Normal(2, 3, 5))));
        Assert.Contains("[5, 4]", e.Message);
        Assert.Contains("[3, 5]", e.Message);
    }

    public static TheoryData<int, int, int, int, int, bool> ConvCases => new()
    {
        // input H, W, kernel, stride, padding, bias
        { 5, 5, 3, 1, 0, true },
        { 6, 5, 3, 2, 1, true },
        { 7, 6, 2, 2, 0, false },
        { 5, 4, 3, 3, 2, true },
        { 4, 4, 1, 1, 0, true },
    };

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2d(int h, int w, int k, int stride, int padding, bool bias)
    {
        var x = Normal(71, 2, 2, h, w);
        var weight = Normal(72, 3, 2, k, k);
        if (bias) Check(v => V.Conv2d(v[0], v[1], v[2], stride, padding), x, weight, Normal(73, 3));
        else Check(v => V.Conv2d(v[0], v[1], null, stride, padding), x, weight);
    }

    [Fact]
    public void Conv2dOnNonContiguousInput()
    {
        var x = Normal(74, 2, 2, 5, 4).Transpose(2, 3); // [2, 2, 4, 5]
        var weight = Normal(75, 2, 2, 3, 3).Narrow(0, 1, 1); // [1, 2, 3, 3] with an offset
        Check(v => V.Conv2d(v[0], v[1], null, 2, 1), x, weight);
    }

    public static TheoryData<int, int, int, int, int> ConvTransposeCases => new()
    {
        // kernel, stride, padding, output padding, bias(1/0)
        { 3, 1, 0, 0, 1 },
        { 3, 2, 1, 1, 1 },
        { 4, 2, 1, 0, 0 },
        { 2, 3, 0, 2, 1 },
        { 3, 2, 0, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(ConvTransposeCases))]
    public void ConvTranspose2d(int k, int stride, int padding, int outputPadding, int bias)
    {
        var x = Normal(76, 2, 3, 3, 4);
        var weight = Normal(77, 3, 2, k, k);
        if (bias == 1) Check(v => V.ConvTranspose2d(v[0], v[1], v[2], stride, padding, outputPadding), x, weight, Normal(78, 2));
        else Check(v => V.ConvTranspose2d(v[0], v[1], null, stride, padding, outputPadding), x, weight);
    }

    [Fact]
    public void ConvTranspose2dOnNonContiguousInput()
    {
        var x = Normal(79, 2, 3, 4, 3).Transpose(2, 3);
        Check(v => V.ConvTranspose2d(v[0], v[1], v[2], 2, 1, 1), x, Normal(80, 3, 2, 3, 3), Normal(81, 2));
    }
}
