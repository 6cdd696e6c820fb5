using System.Diagnostics;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests;

public sealed class TrainingTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mc-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ConvVaeOverfitsStructuredPatches()
    {
        var data = StructuredPatches(64, 1, 16, 16, seed: 1);
        var model = new ConvVae(new ConvVaeConfig(Height: 16, Width: 16, Channels: [8, 16, 32], Latent: 8, Beta: 0.001), seed: 2);
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), 5e-3), new TrainerOptions(Epochs: 50, BatchSize: 8, Seed: 3));
        var clock = Stopwatch.StartNew();
        var reports = trainer.Fit(data);
        clock.Stop();
        // Each patch has 256 values of mean square ≈ 0.25, so predicting zeros costs ≈ 64 per sample.
        double baseline = data.Square().Sum().ToScalar() / 64;
        double final = ReconstructionError(model, data);
        output.WriteLine($"reconstruction error {final:g4} per sample vs {baseline:g4} for zeros, {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(final < 0.03 * baseline, $"reconstruction error {final:g4} per sample after 50 epochs vs {baseline:g4} for zeros ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.True(reports[^1].Reconstruction < reports[0].Reconstruction / 5);
        Assert.Equal(50, reports.Count);
        Assert.Equal(50, trainer.CompletedEpochs);
    }

    private static double ReconstructionError(VaeModel model, Tensor<float> data)
        => (model.Reconstruct(data) - data).Square().Sum().ToScalar() / data.Shape[0];

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void ResumedTrainingIsBitIdentical(string optimizer)
    {
        var data = Tensor<float>.Normal(new SeededRandom(4), 0f, 1f, 50, 12);
        var options = new TrainerOptions(Epochs: 4, BatchSize: 8, Seed: 9, KlWarmupEpochs: 3, ValidationFraction: 0.2, Patience: 3, ClipNorm: 5);
        (Trainer, Vae) Make()
        {
            var model = new Vae(new VaeConfig(12, [16], 3), seed: 7);
            Optimizer<float> opt = optimizer == "adam" ? new AdamW<float>(model.NamedParameters(), 1e-2) : new Sgd<float>(model.NamedParameters(), 1e-2, momentum: 0.9);
            return (new Trainer(model, opt, options), model);
        }

        var (full, fullModel) = Make();
        var fullReports = full.Fit(data);

        var (first, _) = Make();
        first = new Trainer(first.Model, first.Optimizer, options with { Epochs = 2 });
        first.Fit(data);
        string path = Path.Combine(_dir, "run.safetensors");
        Checkpoint.SaveTraining(path, first);

        var (resumed, resumedModel) = Make();
        Checkpoint.ResumeTraining(path, resumed);
        Assert.Equal(2, resumed.CompletedEpochs);
        var rest = resumed.Fit(data);

        Assert.Equal(2, rest.Count);
        Assert.Equal(fullReports.Skip(2).Select(r => (r.Loss, r.ValidationLoss, r.Beta)), rest.Select(r => (r.Loss, r.ValidationLoss, r.Beta)));
        foreach (var ((name, a), (_, b)) in fullModel.StateDict().Zip(resumedModel.StateDict()))
            Assert.True(a.ToArray().AsSpan().SequenceEqual(b.ToArray()), $"{name} differs after resuming");
    }

    [Fact]
    public void ResumeIntoAnotherOptimizerFailsAndChangesNothing()
    {
        var data = Tensor<float>.Normal(new SeededRandom(4), 0f, 1f, 20, 12);
        var model = new Vae(new VaeConfig(12, [16], 3), seed: 7);
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters()), new TrainerOptions(Epochs: 1, BatchSize: 8));
        trainer.Fit(data);
        string path = Path.Combine(_dir, "adam.safetensors");
        Checkpoint.SaveTraining(path, trainer);

        var other = new Vae(new VaeConfig(12, [16], 3), seed: 8);
        var before = other.StateDict().Select(kv => kv.Value.ToArray()).ToArray();
        var sgdTrainer = new Trainer(other, new Sgd<float>(other.NamedParameters(), 0.1), new TrainerOptions(Epochs: 1, BatchSize: 8));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.ResumeTraining(path, sgdTrainer));
        Assert.Contains("saved by Adam, loading into Sgd", e.Message);
        Assert.Equal(before, other.StateDict().Select(kv => kv.Value.ToArray()).ToArray());
        Assert.Equal(0, sgdTrainer.CompletedEpochs);

        var wrongConfig = new Trainer(new Vae(new VaeConfig(12, [17], 3)), new Adam<float>(model.NamedParameters()), new TrainerOptions());
        Assert.Contains("model config", Assert.Throws<InvalidDataException>(() => Checkpoint.ResumeTraining(path, wrongConfig)).Message);
    }

    [Fact]
    public void NonFiniteLossStopsWithEpochAndBatch()
    {
        var values = Tensor<float>.Normal(new SeededRandom(5), 0f, 1f, 40, 6).ToArray();
        values[33 * 6 + 2] = float.NaN;
        var data = Tensor<float>.Wrap(values, 40, 6);
        var model = new Vae(new VaeConfig(6, [8], 2), seed: 1);
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters()), new TrainerOptions(Epochs: 3, BatchSize: 10, Seed: 2));
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(data));
        Assert.Matches(@"the loss is NaN at epoch 1, batch [1-4] of 4", e.Message);
        Assert.All(model.Parameters(), p => Assert.All(p.Data.ToArray(), v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void KlWarmupAnnealsBetaLinearly()
    {
        var data = Tensor<float>.Normal(new SeededRandom(6), 0f, 1f, 16, 5);
        var model = new Vae(new VaeConfig(5, [4], 2, Beta: 0.5), seed: 1);
        var betas = new List<double>();
        new Trainer(model, new Adam<float>(model.NamedParameters()), new TrainerOptions(Epochs: 5, BatchSize: 8, KlWarmupEpochs: 4))
            .Fit(data, r => betas.Add(r.Beta));
        Assert.Equal([0.125, 0.25, 0.375, 0.5, 0.5], betas);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestWeights()
    {
        // A learning rate far too high makes the validation loss stop improving quickly.
        var data = Tensor<float>.Normal(new SeededRandom(7), 0f, 1f, 40, 6);
        var model = new Vae(new VaeConfig(6, [32], 2), seed: 1);
        var reports = new List<EpochReport>();
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), 0.5), new TrainerOptions(Epochs: 60, BatchSize: 8, ValidationFraction: 0.25, Patience: 2, Seed: 1));
        trainer.Fit(data, reports.Add);
        Assert.True(trainer.StoppedEarly);
        Assert.True(reports.Count < 60);
        Assert.Equal(trainer.BestEpoch + 2, reports.Count);
        Assert.Equal(reports.Min(r => r.ValidationLoss!.Value), trainer.BestValidationLoss);
        // The restored weights give the best epoch's validation loss again.
        var validation = trainer.ValidationRows(40);
        var x = Tensor<float>.Concat(0, validation.Select(i => data.Slice(i, 1)).ToArray());
        model.Eval();
        using var _ = Autograd.GradMode.Disable();
        // Batched (validation) and whole-set sums round differently in float32: compare relatively.
        Assert.Equal(trainer.BestValidationLoss, model.Loss(new Autograd.Variable<float>(x)).Value, 1e-5 * trainer.BestValidationLoss);
    }

    [Fact]
    public void StreamedTrainingValidatesOnItsHeldOutStreamAndStopsEarlyLikeTheInMemoryTrainer()
    {
        var data = Tensor<float>.Normal(new SeededRandom(7), 0f, 1f, 40, 6);
        var held = Tensor<float>.Normal(new SeededRandom(8), 0f, 1f, 10, 6);
        var model = new Vae(new VaeConfig(6, [32], 2), seed: 1);
        var reports = new List<EpochReport>();
        var options = new TrainerOptions(Epochs: 60, BatchSize: 8, ValidationFraction: 0.2, Patience: 2, Seed: 1);
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), 0.5), options);
        trainer.Fit(new RowSource(data), reports.Add, new RowSource(held));
        Assert.True(trainer.StoppedEarly);
        Assert.Equal(trainer.BestEpoch + 2, reports.Count);
        Assert.All(reports, r => Assert.NotNull(r.ValidationLoss));
        Assert.Equal(reports.Min(r => r.ValidationLoss!.Value), trainer.BestValidationLoss);
        // The restored weights give the best epoch's loss on the held-out stream again.
        model.Eval();
        using (Autograd.GradMode.Disable())
            Assert.Equal(trainer.BestValidationLoss, model.Loss(new Autograd.Variable<float>(held)).Value, 1e-5 * trainer.BestValidationLoss);
        // A held-out fraction without a held-out stream is a mistake the trainer names.
        var again = new Trainer(new Vae(new VaeConfig(6, [8], 2), seed: 1), new Adam<float>(model.NamedParameters(), 0.1), options);
        Assert.Contains("second stream", Assert.Throws<ArgumentException>(() => again.Fit(new RowSource(data))).Message);
    }

    // The rows of a matrix as a stream, in the order of a seeded shuffle.
    private sealed class RowSource(Tensor<float> rows) : IBatchSource
    {
        private readonly float[] _values = rows.ToArray();
        public int[] SampleShape => [rows.Shape[1]];
        public long Count => rows.Shape[0];

        public IEnumerable<int> Epoch(ulong seed, float[] batch)
        {
            int n = rows.Shape[0], d = rows.Shape[1], per = batch.Length / d, held = 0;
            var order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            new SeededRandom(seed).Shuffle(order.AsSpan());
            foreach (int r in order)
            {
                _values.AsSpan(r * d, d).CopyTo(batch.AsSpan(held++ * d, d));
                if (held == per) { yield return held; held = 0; }
            }
            if (held > 0) yield return held;
        }
    }

    [Fact]
    public void GradientClippingBoundsTheGlobalNorm()
    {
        var model = new Vae(new VaeConfig(6, [8], 2), seed: 1);
        model.Loss(new Autograd.Variable<float>(Tensor<float>.Normal(new SeededRandom(1), 0f, 10f, 8, 6))).Total.Backward();
        double before = GradientClipping.ClipGlobalNorm(model.Parameters(), 1.0);
        Assert.True(before > 1);
        double after = Math.Sqrt(model.Parameters().Sum(p => (double)p.Grad!.Square().Sum().ToScalar()));
        Assert.Equal(1.0, after, 1e-4);
    }

    [Fact]
    public void AutoencoderIsDeterministicAndIgnoresKl()
    {
        var ae = new Autoencoder(new ConvVaeConfig(Height: 8, Width: 8, Channels: [2, 4], Latent: 2), seed: 3);
        Assert.Equal(0, ae.Beta);
        var x = new Autograd.Variable<float>(StructuredPatches(3, 1, 8, 8, 2));
        var a = ae.Forward(x).Reconstruction.Data.ToArray();
        var b = ae.Forward(x).Reconstruction.Data.ToArray();
        Assert.Equal(a, b);
        var loss = ae.Loss(x);
        Assert.Equal(loss.Reconstruction, loss.Value, 1e-6);
        var vae = new ConvVae(new ConvVaeConfig(Height: 8, Width: 8, Channels: [2, 4], Latent: 2), seed: 3);
        Assert.NotEqual(vae.Forward(x).Reconstruction.Data.ToArray(), vae.Forward(x).Reconstruction.Data.ToArray());
        Assert.Equal(0.1, new BetaVae(new ConvVaeConfig(Height: 8, Width: 8, Channels: [2, 4], Latent: 2)).Beta);
    }
}

public class VaeBenchmarkTests
{
    [Theory]
    [InlineData("vae", 100, 16)]
    [InlineData("convvae", 8, 4)]
    public void RunsAndReportsEveryEpoch(string model, int samples, int batch)
    {
        var r = VaeBenchmark.Run(model, batch, samples, epochs: 2);
        Assert.Equal(2, r.EpochSeconds.Length);
        Assert.All(r.EpochSeconds, s => Assert.True(s > 0));
        Assert.True(double.IsFinite(r.FinalLoss) && r.FinalLoss > 0);
        Assert.Equal(samples / r.MedianEpochSeconds, r.SamplesPerSecond, 1e-9);
        Assert.Contains("expected vae or convvae", Assert.Throws<ArgumentException>(() => VaeBenchmark.Run("gan")).Message);
    }

    [Fact]
    public void GeneratedDataFollowTheDocumentedFormulas()
    {
        // The PyTorch peer (benchmarks/peers/models_peer.py) evaluates the same formulas in numpy.
        var conv = VaeBenchmark.ConvData(20, 64, 64);
        Assert.Equal((float)(Math.Sin(0.07 * (1 + 17 % 13) * 5 + 0.3 * 17) * Math.Cos(0.05 * (1 + 17 % 7) * 9)), conv[17, 0, 5, 9]);
        var mlp = VaeBenchmark.MlpData(30, 40);
        Assert.Equal((float)Math.Sin(0.1 * 4 * (1 + 23 % 11) + 0.37 * 23), mlp[23, 3]);
    }
}
