using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Gradient checks and values of the losses the VAEs use, in every reduction.</summary>
public class LossGradCheckTests
{
    private static void Check(Func<V[], V> f, params Tensor<double>[] inputs) => Assert.True(GradCheck.Assert(f, inputs).Passed);

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void MseLossGradientsForPredictionAndTarget(Reduction r)
    {
        Check(v => V.MseLoss(v[0], v[1], r), Normal(91, 3, 4), Normal(92, 3, 4));
        Check(v => V.MseLoss(v[0].Transpose(), v[1], r), Normal(93, 4, 3), Normal(94, 3, 4));
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void BinaryCrossEntropyWithLogitsGradients(Reduction r)
    {
        Check(v => V.BinaryCrossEntropyWithLogits(v[0], v[1], r), Normal(95, 3, 4), Uniform(96, 0, 1, 3, 4));
        Check(v => V.BinaryCrossEntropyWithLogits(v[0] * 25.0, v[1], r), Normal(97, 2, 3), Uniform(98, 0, 1, 2, 3)); // saturated logits
    }

    [Fact]
    public void GaussianKlGradients()
    {
        Check(v => V.GaussianKlDivergence(v[0], v[1]), Normal(99, 3, 4), Normal(100, 3, 4));
        Check(v => V.GaussianKlDivergence(v[0], v[1]), Normal(101, 2, 2, 3), Normal(102, 2, 2, 3));
    }

    [Fact]
    public void LossValuesMatchTheirDefinitions()
    {
        var p = new V(Tensor<double>.FromArray([1, 2, 3, 4], 2, 2));
        var t = new V(Tensor<double>.FromArray([0, 2, 5, 4], 2, 2));
        Assert.Equal(5.0 / 4, V.MseLoss(p, t).Data.ToScalar(), 12);
        Assert.Equal(5.0, V.MseLoss(p, t, Reduction.Sum).Data.ToScalar(), 12);
        Assert.Equal([1, 0, 4, 0], V.MseLoss(p, t, Reduction.None).Data.ToArray());

        // Large logits stay finite: the loss of x = ±1000 against t is softplus(x) − x·t exactly.
        var x = new V(Tensor<double>.FromArray([1000, -1000, 0], 3));
        var y = new V(Tensor<double>.FromArray([0, 0, 1], 3));
        Assert.Equal([1000, 0, Math.Log(2)], V.BinaryCrossEntropyWithLogits(x, y, Reduction.None).Data.ToArray(), new Tol(1e-12));

        // KL of N(0, I) against itself is 0; with μ = 1, logVar = 0 it is ½ per dimension.
        var zeros = new V(Tensor<double>.Zeros(2, 3));
        Assert.Equal(0, V.GaussianKlDivergence(zeros, zeros).Data.ToScalar(), 12);
        Assert.Equal(1.5, V.GaussianKlDivergence(new V(Tensor<double>.Ones(2, 3)), zeros).Data.ToScalar(), 12);
    }

    [Fact]
    public void LossesRejectMismatchedShapesNamingBoth()
    {
        var a = new V(Tensor<double>.Zeros(2, 3));
        var b = new V(Tensor<double>.Zeros(3, 2));
        foreach (var e in new[]
        {
            Assert.Throws<ArgumentException>(() => V.MseLoss(a, b)),
            Assert.Throws<ArgumentException>(() => V.BinaryCrossEntropyWithLogits(a, b)),
            Assert.Throws<ArgumentException>(() => V.GaussianKlDivergence(a, b)),
        })
        {
            Assert.Contains("[2, 3]", e.Message);
            Assert.Contains("[3, 2]", e.Message);
        }
    }
}
