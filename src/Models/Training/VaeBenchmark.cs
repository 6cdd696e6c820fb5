using System.Diagnostics;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Training;

/// <summary>The timing of a few training epochs of a default-shaped model on generated data.</summary>
/// <param name="Model">"vae" or "convvae".</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="Samples">Training samples per epoch.</param>
/// <param name="EpochSeconds">Wall-clock seconds of each epoch.</param>
/// <param name="FinalLoss">Mean training loss of the last epoch (a sanity check that training ran).</param>
public sealed record VaeBenchmarkResult(string Model, int BatchSize, int Samples, double[] EpochSeconds, double FinalLoss)
{
    /// <summary>The median epoch time.</summary>
    public double MedianEpochSeconds
    {
        get
        {
            var s = (double[])EpochSeconds.Clone();
            Array.Sort(s);
            return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
        }
    }

    /// <summary>Training throughput at the median epoch time.</summary>
    public double SamplesPerSecond => Samples / MedianEpochSeconds;
}

/// <summary>Trains the benchmark models exactly as benchmarks/peers/models_peer.py does in PyTorch.</summary>
/// <remarks>
/// ConvVae: 1×64×64, channels 32-64-128, latent 16; Vae: 40 → 64 → 8. Adam (lr 1e-3), β = 1, shuffled mini-batches.
/// The data come from closed formulas (no generator), so both sides train on identical values.
/// </remarks>
public static class VaeBenchmark
{
    /// <summary>Runs <paramref name="epochs"/> epochs of "convvae" or "vae" training.</summary>
    public static VaeBenchmarkResult Run(string model, int batchSize = 32, int samples = 1024, int epochs = 3, ulong seed = 0)
    {
        if (samples < 1 || epochs < 1 || batchSize < 1) throw new ArgumentException($"samples, epochs and batch size must be positive (got {samples}, {epochs}, {batchSize})");
        VaeModel net;
        Tensor<float> data;
        switch (model)
        {
            case "convvae": net = new ConvVae(new ConvVaeConfig(), seed); data = ConvData(samples, 64, 64); break;
            case "vae": net = new Vae(new VaeConfig(40, [64], 8), seed); data = MlpData(samples, 40); break;
            default: throw new ArgumentException($"unknown benchmark model '{model}' (expected vae or convvae)");
        }
        var trainer = new Trainer(net, new Adam<float>(net.NamedParameters(), 1e-3), new TrainerOptions(Epochs: epochs, BatchSize: batchSize, Seed: seed));
        var seconds = new List<double>();
        double last = double.NaN;
        var clock = Stopwatch.StartNew();
        trainer.Fit(data, r =>
        {
            seconds.Add(clock.Elapsed.TotalSeconds);
            last = r.Loss;
            clock.Restart();
        });
        return new VaeBenchmarkResult(model, batchSize, samples, [.. seconds], last);
    }

    /// <summary>x[n, 0, i, j] = sin(0.07·(1 + n mod 13)·i + 0.3·n)·cos(0.05·(1 + n mod 7)·j).</summary>
    public static Tensor<float> ConvData(int n, int h, int w)
    {
        var x = new float[n * h * w];
        int p = 0;
        for (int s = 0; s < n; s++)
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                    x[p++] = (float)(Math.Sin(0.07 * (1 + s % 13) * i + 0.3 * s) * Math.Cos(0.05 * (1 + s % 7) * j));
        return Tensor<float>.Wrap(x, n, 1, h, w);
    }

    /// <summary>x[n, f] = sin(0.1·(f + 1)·(1 + n mod 11) + 0.37·n).</summary>
    public static Tensor<float> MlpData(int n, int features)
    {
        var x = new float[n * features];
        for (int s = 0; s < n; s++)
            for (int f = 0; f < features; f++)
                x[s * features + f] = (float)Math.Sin(0.1 * (f + 1) * (1 + s % 11) + 0.37 * s);
        return Tensor<float>.Wrap(x, n, features);
    }
}
