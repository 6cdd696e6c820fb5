using MusicCluster.Autograd;
using MusicCluster.Models.Layers;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

/// <summary>Every layer's gradients (input and parameters) against float64 central differences (GradCheck, full Jacobian).</summary>
public class LayerGradientTests
{
    // Runs GradCheck on layer(x) with the layer's parameters swapped for the checker's inputs.
    private static void CheckLayer(Layer<double> layer, Tensor<double> x)
    {
        var parameters = layer.Parameters();
        var inputs = new Tensor<double>[parameters.Count + 1];
        inputs[0] = x;
        for (int i = 0; i < parameters.Count; i++) inputs[i + 1] = parameters[i].Data.Clone();
        var result = GradCheck.Assert(xs =>
        {
            for (int i = 0; i < parameters.Count; i++) parameters[i].Value = xs[i + 1];
            return layer.Forward(xs[0]);
        }, inputs);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Linear() => CheckLayer(new Linear<double>(5, 3, new SeededRandom(1)), RandomDouble(2, 4, 5));

    [Fact]
    public void LinearWithoutBiasOnBatchedInput() => CheckLayer(new Linear<double>(4, 2, new SeededRandom(1), bias: false), RandomDouble(2, 2, 3, 4));

    [Fact]
    public void Conv2d() => CheckLayer(new Conv2d<double>(2, 3, 3, new SeededRandom(3), stride: 2, padding: 1), RandomDouble(4, 2, 2, 5, 6));

    [Fact]
    public void ConvTranspose2d() => CheckLayer(new ConvTranspose2d<double>(3, 2, 4, new SeededRandom(5), stride: 2, padding: 1, outputPadding: 1), RandomDouble(6, 2, 3, 3, 2));

    [Fact]
    public void BatchNorm1dTraining() => CheckLayer(WithAffine(new BatchNorm1d<double>(3)), RandomDouble(7, 5, 3));

    [Fact]
    public void BatchNorm1dOnSequences() => CheckLayer(WithAffine(new BatchNorm1d<double>(2)), RandomDouble(7, 3, 2, 4));

    [Fact]
    public void BatchNorm2dTraining() => CheckLayer(WithAffine(new BatchNorm2d<double>(2)), RandomDouble(8, 3, 2, 3, 3));

    [Fact]
    public void BatchNorm2dEvaluation()
    {
        var bn = WithAffine(new BatchNorm2d<double>(2));
        bn.RunningMean.Value = Tensor<double>.FromArray([0.3, -0.2], 2);
        bn.RunningVar.Value = Tensor<double>.FromArray([1.5, 0.7], 2);
        bn.Eval();
        CheckLayer(bn, RandomDouble(9, 2, 2, 3, 3));
    }

    [Fact]
    public void DropoutWithAFixedMask()
    {
        var rng = new SeededRandom(10);
        var layer = new Dropout<double>(0.4, rng);
        var state = rng.GetState();
        var x = RandomDouble(11, 4, 6);
        var result = GradCheck.Assert(xs => { rng.SetState(state); return layer.Forward(xs[0]); }, x);
        Assert.True(result.Passed);
        rng.SetState(state);
        var y = layer.Forward(new Variable<double>(x)).Data.ToArray();
        int dropped = y.Count(v => v == 0);
        Assert.InRange(dropped, 3, 17); // about 40 % of 24
        layer.Eval();
        Assert.Same(x, layer.Forward(new Variable<double>(x)).Data);
    }

    [Fact]
    public void Activations()
    {
        // Inputs kept away from ReLU's kink at 0, where central differences are not defined.
        var x = Tensor<double>.FromArray([-1.3, -0.6, -0.2, 0.25, 0.7, 1.9], 2, 3);
        CheckLayer(new ReLU<double>(), x);
        CheckLayer(new LeakyReLU<double>(0.2), x);
        CheckLayer(new Sigmoid<double>(), x);
        CheckLayer(new Tanh<double>(), x);
    }

    [Fact]
    public void FlattenUnflattenAndSequential()
    {
        var rng = new SeededRandom(12);
        var net = new Sequential<double>(
            new Conv2d<double>(1, 2, 2, rng, stride: 2),
            new Tanh<double>(),
            new Flatten<double>(),
            new Linear<double>(8, 8, rng),
            new Unflatten<double>(2, 2, 2),
            new ConvTranspose2d<double>(2, 1, 2, rng, stride: 2));
        var x = RandomDouble(13, 2, 1, 4, 4);
        Assert.Equal([2, 1, 4, 4], net.Forward(new Variable<double>(x)).Shape);
        CheckLayer(net, x);
    }

    private static TLayer WithAffine<TLayer>(TLayer bn) where TLayer : BatchNorm<double>
    {
        bn.Weight.Data = Tensor<double>.Uniform(new SeededRandom(99), 0.5, 1.5, bn.Features);
        bn.Bias.Data = Tensor<double>.Uniform(new SeededRandom(98), -0.5, 0.5, bn.Features);
        return bn;
    }
}
