using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusicCluster.Clustering.Manifold;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench scale</c>: a collection end to end through the feature store, one JSON line per stage (time, tracks/s, peak RSS).</summary>
/// <remarks>Stages: extract into the store, one streamed epoch of the Medium Conv-VAE over every patch, streamed encode (mean μ per
/// track), K-Means (MiniBatchKMeans above clustering.miniBatchKMeansAbove, as the runner does) and a t-SNE map of the latent means.</remarks>
public sealed class BenchScaleCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var data = new Option<string>("--data") { Description = "A dataset folder (tracks.csv) or folder of audio", Required = true };
        var root = new Option<string>("--store") { Description = "Feature-store folder (reused: extraction resumes)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Streamed training epochs", DefaultValueFactory = _ => 1 };
        var k = new Option<int>("--k") { Description = "Clusters", DefaultValueFactory = _ => 6 };
        var iterations = new Option<int>("--tsne-iterations") { Description = "t-SNE iterations", DefaultValueFactory = _ => 1000 };
        var output = new Option<string?>("--out") { Description = "Also write the stage lines to this JSON-lines file" };
        var command = new Command("scale", "Run a collection end to end through the feature store (extract, one epoch over every patch, encode, K-Means, t-SNE) and print each stage's time, tracks/s and peak RSS.");
        foreach (var o in new Option[] { data, root, epochs, k, iterations, output }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() => Run(r.GetValue(data)!, r.GetValue(root)!, r.GetValue(epochs), r.GetValue(k), r.GetValue(iterations), r.GetValue(output))));
        return command;
    }

    private static void Run(string data, string root, int epochs, int k, int tsneIterations, string? output)
    {
        if (epochs < 1) throw new UserInputException($"--epochs must be at least 1 (got {epochs})");
        var config = new RunConfig();
        var f = config.Features;
        var tracks = EncodeCommand.Tracks(data);
        int n = tracks.Count;
        var lines = new List<string>();
        double totalSeconds = 0, totalCpu = 0, peak = 0;
        void Stage(string name, Action work, Func<string>? extra = null)
        {
            GC.Collect();
            bool reset = PeakRss.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work();
            double s = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, rss = PeakRss.Bytes() / 1e6;
            totalSeconds += s; totalCpu += cpuSeconds; peak = Math.Max(peak, rss);
            string line = JsonSerializer.Serialize(new
            {
                stage = name, tracks = n, seconds = Math.Round(s, 2), cpu_seconds = Math.Round(cpuSeconds, 2), tracks_per_s = Math.Round(n / Math.Max(s, 1e-9), 1),
                peak_rss_mb = Math.Round(rss, 1), peak_is_stage = reset, gc_heap_mb = Math.Round(GC.GetTotalMemory(false) / 1e6, 1),
                detail = extra?.Invoke(),
            });
            Console.Out.WriteLine(line);
            lines.Add(line);
        }

        using var store = FeatureStore.Open(root, StoreExtraction.SettingsKey(f));
        TrackKey[] keys = [];
        Stage("extract", () => keys = StoreExtraction.Run(tracks, f, store, new StderrProgress("extract")).Keys,
            () => $"{store.Count} tracks in the store, {store.Entries.Sum(e => (long)e.PatchCount)} patches");
        var scaling = PatchStream.Standardisation(store, keys);
        var medium = config.Medium;
        var model = new ConvVae(new ConvVaeConfig(1, f.NMels, f.PatchFrames, medium.Channels, Latent: medium.Latent), (ulong)config.Seed);
        var stream = new PatchStream(store, keys, f.NMels, f.PatchFrames, scaling);
        var reports = new List<EpochReport>();
        Stage("train", () =>
        {
            var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), medium.LearningRate), new TrainerOptions(epochs, medium.Batch, (ulong)config.Seed));
            var progress = new StderrProgress("train");
            reports.AddRange(trainer.Fit(stream, rep => progress.Report((double)rep.Epoch / epochs)));
            progress.Done();
        }, () => string.Create(CultureInfo.InvariantCulture, $"{stream.Count} patches × {epochs} epoch(s), {stream.Count * epochs / reports.Sum(x => x.Seconds):F0} patches/s, last loss {reports[^1].Loss:G4}"));
        FeatureMatrix latent = FeatureMatrix.Zeros(0, 0);
        Stage("encode", () =>
        {
            var progress = new StderrProgress("encode");
            latent = StreamEncoding.PerTrack(model, store, keys, scaling, f.NMels, f.PatchFrames, withStd: true, tracksDone: t => { if (t % 256 == 0) progress.Report((double)t / n); });
            progress.Done();
        });
        var x = new StandardScaler().FitTransform(latent.Data, latent.Rows, latent.Cols);
        AdaptiveKMeans? km = null;
        Stage("kmeans", () => km = new AdaptiveKMeans(k, config.Clustering.MiniBatchKMeansAbove, config.Clustering.KMeansNInit, config.Seed).Fit(x, latent.Rows, latent.Cols),
            () => km!.UsedMiniBatch ? "MiniBatchKMeans" : "K-Means (Lloyd)");
        Tsne? tsne = null;
        Stage("tsne", () => tsne = new Tsne(maxIterations: tsneIterations, seed: config.Seed).Fit(x, latent.Rows, latent.Cols), () => tsne!.MethodUsed.ToString());
        // The per-stage peak resets also reset what getrusage (and /usr/bin/time) report, so the overall peak is the largest stage peak.
        string total = JsonSerializer.Serialize(new { stage = "total", tracks = n, seconds = Math.Round(totalSeconds, 2), cpu_seconds = Math.Round(totalCpu, 2),
            tracks_per_s = Math.Round(n / Math.Max(totalSeconds, 1e-9), 1), peak_rss_mb = Math.Round(peak, 1) });
        Console.Out.WriteLine(total);
        lines.Add(total);
        if (output is not null) Data.AtomicFile.WriteAllText(output, string.Join('\n', lines) + '\n');
    }
}
