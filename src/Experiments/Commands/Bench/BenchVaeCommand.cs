using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Models.Training;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench vae</c>: trains the MLP Vae (40 → 64 → 8) on generated data and prints one JSON line.</summary>
public sealed class BenchVaeCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create() => VaeBenchCommand.Build("vae", "Time MLP Vae training epochs (40 → 64 → 8, Adam 1e-3) on generated data.");
}

/// <summary><c>musiccluster bench convvae</c>: trains the default ConvVae (1×64×64, 32-64-128, latent 16) and prints one JSON line.</summary>
public sealed class BenchConvVaeCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create() => VaeBenchCommand.Build("convvae", "Time ConvVae training epochs (1×64×64, channels 32-64-128, latent 16, Adam 1e-3) on generated data.");
}

/// <summary>The options and action shared by the two VAE benchmarks.</summary>
internal static class VaeBenchCommand
{
    public static Command Build(string model, string description)
    {
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => 32 };
        var samples = new Option<int>("--samples") { Description = "Number of generated training samples.", DefaultValueFactory = _ => 1024 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to time (the median is reported).", DefaultValueFactory = _ => 3 };
        var command = new Command(model, description);
        command.Options.Add(batch);
        command.Options.Add(samples);
        command.Options.Add(epochs);
        command.SetAction(parseResult =>
        {
            int b = parseResult.GetValue(batch), n = parseResult.GetValue(samples), e = parseResult.GetValue(epochs);
            if (b < 1) throw new UserInputException($"--batch must be positive, got {b}");
            if (n < 1) throw new UserInputException($"--samples must be positive, got {n}");
            if (e < 1) throw new UserInputException($"--epochs must be positive, got {e}");
            var r = VaeBenchmark.Run(model, b, n, e);
            var line = new Dictionary<string, object>
            {
                ["bench"] = model,
                ["batch"] = b,
                ["samples"] = n,
                ["epochs"] = e,
                ["median_epoch_s"] = Math.Round(r.MedianEpochSeconds, 4),
                ["samples_per_s"] = Math.Round(r.SamplesPerSecond, 1),
                ["epoch_s"] = Array.ConvertAll(r.EpochSeconds, s => Math.Round(s, 4)),
                ["final_loss"] = Math.Round(r.FinalLoss, 5),
                ["threads"] = Environment.ProcessorCount,
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(line));
            return 0;
        });
        return command;
    }
}
