using System.Text.Json;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

/// <summary><c>run</c> on a collection above <c>features.streamAboveTracks</c>: patches stay in the feature store and the conv models train streamed.</summary>
public sealed class StreamedRunTests
{
    private static RunConfig Streaming(int epochs)
    {
        var config = SyntheticCollection.TinyConfig(seeds: 2);
        config.Features.StreamAboveTracks = 0;
        config.Features.NMels = 16;
        config.Features.NMfcc = 13;
        config.Features.PatchFrames = 16;
        config.Medium.Epochs = epochs;
        return config;
    }

    private static List<TaskOutcome> Run(string data, string outDir, RunConfig config, RunConsole console) =>
        ExperimentRunner.Run(new RunRequest(["medium"], outDir, config, "test"), DataSource.Open(data, outDir, config, console), console);

    [Fact]
    public void Stored_features_equal_the_in_memory_ones_and_their_patches_stay_on_disk()
    {
        using var dir = new TempDir();
        var manifest = DemoCorpus.Write(dir.File("corpus"), new CorpusOptions { Tracks = 6, Seconds = 2, Seed = 11 });
        var config = Streaming(1).Features;
        var console = new RunConsole(TextWriter.Null, false);
        var memory = FeatureExtraction.Extract(manifest, config, new FeatureCache(dir.File("cache")), console);
        var stored = StoredFeatures.Extract(manifest.Tracks, config, dir.File("store"), console);

        Assert.Equal(memory.Spectral.Data, stored.Spectral.Data);
        Assert.Equal(memory.MeanLogMel.Data, stored.MeanLogMel.Data);
        Assert.Equal(memory.Descriptors.Data, stored.Descriptors.Data);
        Assert.Equal(memory.PatchTrack, stored.PatchTrack);
        Assert.Equal(memory.PatchShift, stored.PatchShift, 4);
        Assert.Equal(memory.PatchInvScale, stored.PatchInvScale, 5);
        Assert.Empty(stored.Patches);
        Assert.NotNull(stored.Stored);
        // The raw values on disk, standardised, are the in-memory patches.
        var reader = stored.Stored!.Store.CreateReader();
        int size = stored.PatchHeight * stored.PatchWidth, at = 0;
        foreach (var key in stored.Stored.Keys)
        {
            var view = reader.Read(key);
            for (int p = 0; p < view.Entry.PatchCount; p++, at++)
                for (int j = 0; j < size; j += 37)
                    Assert.Equal(memory.Patches[(long)at * size + j], (view.Patch(p)[j] - stored.PatchShift) * stored.PatchInvScale, 3);
        }
        Assert.Equal(memory.PatchCount, at);
    }

    [Fact]
    public void A_streamed_medium_run_holds_out_tracks_and_an_interrupted_one_resumes_to_the_same_bits()
    {
        using var dir = new TempDir();
        string data = dir.File("corpus");
        DemoCorpus.Write(data, new CorpusOptions { Tracks = 12, Seconds = 2, Seed = 5 });
        var config = Streaming(3);

        // Stop in the second seed's training after its first epoch.
        string outDir = dir.File("out");
        using var cts = new CancellationTokenSource();
        var console = new RunConsole(TextWriter.Null, false) { Cancellation = cts.Token };
        console.Ticked += (what, done) => { if (what.Contains("seed 43") && done == 1) cts.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => Run(data, outDir, config, console));
        Assert.True(File.Exists(Path.Combine(outDir, ".results_medium.work", "checkpoints", "convvae-seed43.training.safetensors")));
        // The patches went to the feature store, not to the per-track cache.
        Assert.NotEmpty(Directory.GetFiles(StoredFeatures.StoreRoot(DataSource.CacheRoot(outDir)), "*.mcs", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(DataSource.CacheRoot(outDir), "features")) &&
            Directory.EnumerateFiles(Path.Combine(DataSource.CacheRoot(outDir), "features"), "*", SearchOption.AllDirectories).Any());

        var log = new StringWriter();
        Assert.Equal("resumed", Run(data, outDir, config, new RunConsole(log, false)).Single().Status);
        Assert.Contains("resuming [medium] Conv-VAE seed 43 from epoch 1 of 3", log.ToString());

        string straight = dir.File("straight");
        Run(data, straight, config, new RunConsole(TextWriter.Null, false));
        JsonElement Stage(string root) => JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results_medium", "stages", "train-convvae-seed43.json"))).RootElement;
        Assert.Equal(Stage(straight).GetProperty("embedding").GetRawText(), Stage(outDir).GetProperty("embedding").GetRawText());

        // Two of 12 tracks (15 %) are held out, so validation ran every epoch and the held-out error is reported.
        var run = Stage(straight);
        Assert.All(run.GetProperty("history").GetProperty("reconstruction").EnumerateArray(), v => Assert.True(double.IsFinite(v.GetDouble())));
        Assert.True(run.GetProperty("heldOut").GetInt32() > 0);
        Assert.True(double.IsFinite(run.GetProperty("heldOutMse").GetDouble()));
        Assert.Equal(12, run.GetProperty("embedding").GetProperty("rows").GetInt32());
        Assert.Contains("Reconstruction on held-out samples", File.ReadAllText(Path.Combine(straight, "results_medium", "summary.md")));
        Assert.Equal(13, File.ReadAllLines(Path.Combine(straight, "results_medium", "assignments.csv")).Length);
    }
}
