using MusicCluster.Autograd;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

/// <summary>Weights exported from PyTorch (tests/reference/models_forward.py) load into our models and give PyTorch's outputs.</summary>
public class PyTorchParityTests
{
    [Theory]
    [InlineData("torch_vae")]
    [InlineData("torch_convvae")]
    public void ForwardMatchesPyTorch(string name)
    {
        var f = Fixture.Load($"models/{name}.json");
        var model = Checkpoint.LoadModel(FixturePath(name + ".safetensors"));
        var x = FloatTensor(f, "x");
        model.Eval();
        using (GradMode.Disable())
        {
            var (mu, logVar) = model.Encode(new Variable<float>(x));
            AssertClose(f.Floats("mu"), mu.Data.ToArray(), 1e-5, 1e-4, "mu");
            AssertClose(f.Floats("logvar"), logVar.Data.ToArray(), 1e-5, 1e-4, "logvar");
            var loss = model.Loss(new Variable<float>(x));
            Assert.Equal(f.Scalar("loss_recon"), loss.Reconstruction, 1e-5 * Math.Max(1, f.Scalar("loss_recon")));
            Assert.Equal(f.Scalar("loss_kl"), loss.Kl, 1e-5 * Math.Max(1, f.Scalar("loss_kl")));
        }
        AssertClose(f.Floats("recon"), model.Reconstruct(x).ToArray(), 1e-5, 1e-4, "recon");
        AssertClose(f.Floats("mu"), model.Embed(x, batchSize: 2).ToArray(), 1e-5, 1e-4, "embed");
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void OptimizerStepsMatchPyTorch(string tag)
    {
        var f = Fixture.Load("models/optim.json");
        var model = Checkpoint.LoadModel(FixturePath("optim_vae.safetensors"));
        model.Eval(); // z = μ: the loss is deterministic, as in the reference
        Optimizer<float> opt = tag switch
        {
            "adam" => new Adam<float>(model.NamedParameters(), 1e-2),
            "adamw" => new AdamW<float>(model.NamedParameters(), 1e-2, weightDecay: 0.1),
            _ => new Sgd<float>(model.NamedParameters(), 1e-2, momentum: 0.9, weightDecay: 1e-3),
        };
        var x = new Variable<float>(FloatTensor(f, "x"));
        for (int step = 0; step < 3; step++)
        {
            opt.ZeroGrad();
            model.Loss(x, beta: 0.5).Total.Backward();
            if (tag == "adamw") GradientClipping.ClipGlobalNorm(model.Parameters(), 0.5);
            opt.Step();
        }
        foreach (var (name, t) in model.StateDict())
            AssertClose(f.Floats(tag + "." + name), t.ToArray(), 2e-6, 1e-4, tag + " " + name);
    }
}
