using MusicCluster.Autograd;
using MusicCluster.Models.Layers;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

public class ModuleTests
{
    [Fact]
    public void ParameterNamesFollowPyTorch()
    {
        var names = new ConvVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [4, 8, 16], Latent: 4)).NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[]
        {
            "encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias", "encoder.4.weight", "encoder.4.bias",
            "fc_mu.weight", "fc_mu.bias", "fc_logvar.weight", "fc_logvar.bias",
            "decoder.0.weight", "decoder.0.bias", "decoder.3.weight", "decoder.3.bias", "decoder.5.weight", "decoder.5.bias",
            "decoder.7.weight", "decoder.7.bias",
        }, names);
    }

    [Fact]
    public void StateDictIncludesBatchNormBuffers()
    {
        var net = new Sequential<float>(new Linear<float>(3, 4, new SeededRandom(1)), new BatchNorm1d<float>(4));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var"], net.StateDict().Select(kv => kv.Key).ToArray());
        Assert.Equal(4, net.Parameters().Count);
    }

    [Fact]
    public void DefaultInitialisationUsesPyTorchBounds()
    {
        var rng = new SeededRandom(3);
        var conv = new Conv2d<float>(8, 16, 4, rng);
        var convT = new ConvTranspose2d<float>(16, 4, 4, rng);
        var lin = new Linear<float>(100, 50, rng);
        AssertUniform(conv.Weight.Data, 1 / Math.Sqrt(8 * 16));
        AssertUniform(convT.Weight.Data, 1 / Math.Sqrt(4 * 16)); // torch's fan_in of [Cin, Cout, k, k] is Cout·k²
        AssertUniform(lin.Weight.Data, 1 / Math.Sqrt(100));
        AssertUniform(lin.Bias!.Data, 1 / Math.Sqrt(100));
        Assert.Equal(new ConvVae(seed: 4).StateDict()[0].Value.ToArray(), new ConvVae(seed: 4).StateDict()[0].Value.ToArray());
        Assert.NotEqual(new ConvVae(seed: 4).StateDict()[0].Value.ToArray(), new ConvVae(seed: 5).StateDict()[0].Value.ToArray());
    }

    private static void AssertUniform(Tensor<float> t, double bound)
    {
        var v = t.ToArray();
        Assert.All(v, x => Assert.InRange(x, -bound, bound));
        Assert.True(v.Max() > 0.9 * bound && v.Min() < -0.9 * bound, "samples should fill the range");
        Assert.InRange(v.Select(x => (double)x * x).Average(), bound * bound / 3 * 0.8, bound * bound / 3 * 1.2);
    }

    [Fact]
    public void LoadStateDictListsEveryDifferenceAndChangesNothing()
    {
        var model = new Vae(new VaeConfig(10, [8], 3), seed: 1);
        var before = model.StateDict().Select(kv => kv.Value.ToArray()).ToArray();
        var other = new Vae(new VaeConfig(10, [6], 3), seed: 2);
        var state = other.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value);
        state.Remove("decoder.2.bias");
        state["extra.weight"] = Tensor<float>.Zeros(2);
        var e = Assert.Throws<StateDictMismatchException>(() => model.LoadStateDict(state));
        Assert.Contains("encoder.0.weight: shape [6, 10] in the state, [8, 10] in the model", e.Message);
        Assert.Contains("missing decoder.2.bias", e.Message);
        Assert.Contains("unexpected extra.weight", e.Message);
        Assert.Equal(before, model.StateDict().Select(kv => kv.Value.ToArray()).ToArray());
    }

    [Fact]
    public void TrainEvalPropagatesAndZeroGradClears()
    {
        var model = new Vae(seed: 3);
        model.Eval();
        Assert.All(model.NamedChildren(), c => Assert.False(c.Module.IsTraining));
        model.Train();
        var x = new Variable<float>(Tensor<float>.Normal(new SeededRandom(1), 0f, 1f, 4, 40));
        model.Loss(x).Total.Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
        model.To(CpuBackend.Instance);
        Assert.Same(CpuBackend.Instance, model.Backend);
    }

    [Fact]
    public void ConvVaeRejectsShapesItCannotMirror()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConvVae(new ConvVaeConfig(Height: 20, Width: 64)));
        Assert.Contains("divisible by 8", e.Message);
        var model = new ConvVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [4, 8, 16], Latent: 4));
        var bad = Assert.Throws<ArgumentException>(() => model.Embed(Tensor<float>.Zeros(2, 1, 16, 8)));
        Assert.Contains("expects input [N, 1, 16, 16]", bad.Message);
    }

    [Fact]
    public void BatchNormMatchesPyTorch()
    {
        var f = Fixture.Load("models/batchnorm.json");
        foreach (var (tag, bn) in new (string, BatchNorm<float>)[] { ("bn1d", new BatchNorm1d<float>(5)), ("bn1d3", new BatchNorm1d<float>(3)), ("bn2d", new BatchNorm2d<float>(3)) })
        {
            bn.Weight.Data = FloatTensor(f, tag + ".weight");
            bn.Bias.Data = FloatTensor(f, tag + ".bias");
            var y1 = bn.Forward(new Variable<float>(FloatTensor(f, tag + ".x1"))).Data.ToArray();
            var y2 = bn.Forward(new Variable<float>(FloatTensor(f, tag + ".x2"))).Data.ToArray();
            bn.Eval();
            var y3 = bn.Forward(new Variable<float>(FloatTensor(f, tag + ".x3"))).Data.ToArray();
            AssertClose(f.Floats(tag + ".y1"), y1, 1e-5, 1e-4, tag + " y1");
            AssertClose(f.Floats(tag + ".y2"), y2, 1e-5, 1e-4, tag + " y2");
            AssertClose(f.Floats(tag + ".running_mean"), bn.RunningMean.Value.ToArray(), 1e-6, 1e-5, tag + " running mean");
            AssertClose(f.Floats(tag + ".running_var"), bn.RunningVar.Value.ToArray(), 1e-6, 1e-5, tag + " running var");
            AssertClose(f.Floats(tag + ".y3"), y3, 1e-5, 1e-4, tag + " y3");
        }
    }
}
