using System.Diagnostics;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Store;

public sealed class StoreExtractionTests
{
    [Fact]
    public void Extraction_into_the_store_gives_the_runner_features_of_every_track_and_a_second_run_recomputes_nothing()
    {
        using var dir = new TempDir();
        var manifest = DemoCorpus.Write(dir.File("corpus"), new CorpusOptions { Tracks = 6, Seconds = 3, Seed = 3 });
        var config = new FeatureConfig();
        using var store = FeatureStore.Open(dir.File("store"), StoreExtraction.SettingsKey(config));
        var first = StoreExtraction.Run(manifest.Tracks, config, store);
        Assert.Equal(6, first.Extracted);
        var second = StoreExtraction.Run(manifest.Tracks, config, store);
        Assert.Equal((0, 6), (second.Extracted, second.Reused));
        Assert.Equal(first.Keys, second.Keys);

        // The same values as the runner's in-memory extraction (before its patch standardisation).
        var cache = new MusicCluster.Experiments.Data.FeatureCache(dir.File("cache"));
        var f = FeatureExtraction.Extract(manifest, config, cache, new RunConsole(TextWriter.Null));
        var reader = store.CreateReader();
        int patch = 0, size = f.PatchHeight * f.PatchWidth;
        for (int i = 0; i < 6; i++)
        {
            var view = reader.Read(first.Keys[i]);
            int s = f.Spectral.Cols, m = f.MeanLogMel.Cols;
            Assert.True(view.Head[..s].SequenceEqual(f.Spectral.Row(i)));
            Assert.True(view.Head.Slice(s, m).SequenceEqual(f.MeanLogMel.Row(i)));
            Assert.True(view.Head[(s + m)..].SequenceEqual(f.Descriptors.Row(i)));
            for (int p = 0; p < view.Entry.PatchCount; p++, patch++)
            {
                var standardised = f.Patches.AsSpan(patch * size, size);
                var raw = view.Patch(p);
                for (int j = 0; j < size; j += 97) Assert.Equal(standardised[j], (raw[j] - f.PatchShift) * f.PatchInvScale);
            }
        }
        Assert.Equal(f.PatchCount, patch);
    }

    [Fact]
    public void An_extraction_killed_with_SIGKILL_resumes_without_recomputing_and_ends_equal_to_an_uninterrupted_one()
    {
        using var dir = new TempDir();
        const int tracks = 20;
        var manifest = DemoCorpus.Write(dir.File("corpus"), new CorpusOptions { Tracks = tracks, Seconds = 2, Seed = 5 });
        var config = new FeatureConfig();
        string key = StoreExtraction.SettingsKey(config), hash = FeatureStore.HashOf(key), root = dir.File("killed");

        using (var child = ChildProcess.Start("store", "extract", "--data", dir.File("corpus"), "--store", root))
        {
            _ = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            int stored = 0;
            while (stored < 3 && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(10);
                if (File.Exists(Path.Combine(root, hash, FeatureStore.SettingsFile)))
                    using (var peek = FeatureStore.OpenExisting(root, hash)) stored = peek.Count;
            }
            Assert.False(child.HasExited, $"the extraction finished before it could be killed ({stored} tracks stored)");
            child.Kill(); // SIGKILL on Unix: no handler runs, the shard is left as it was
            child.WaitForExit();
        }
        Dictionary<string, byte[]> before;
        int survived;
        using (var s = FeatureStore.OpenExisting(root, hash))
        {
            survived = s.Count;
            Assert.InRange(survived, 3, tracks - 1);
            before = s.ShardPaths.ToDictionary(p => p, File.ReadAllBytes);
        }

        var resumed = ChildProcess.Run(["store", "extract", "--data", dir.File("corpus"), "--store", root], 120);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains($"{tracks - survived} tracks extracted, {survived} already stored", resumed.Out);
        foreach (var (path, bytes) in before) Assert.True(File.ReadAllBytes(path).AsSpan(0, bytes.Length).SequenceEqual(bytes), $"{path} was rewritten");

        using var killed = FeatureStore.OpenExisting(root, hash);
        using var whole = FeatureStore.Open(dir.File("whole"), key);
        StoreExtraction.Run(manifest.Tracks, config, whole);
        Assert.Equal(tracks, killed.Count);
        Assert.Equal(0, killed.Duplicates);
        Assert.Equal(whole.ContentDigest(), killed.ContentDigest());
        var (a, b) = (killed.CreateReader(), whole.CreateReader());
        foreach (var e in whole.Entries)
        {
            var x = a.Read(e.Key);
            var y = b.Read(e.Key);
            Assert.True(x.Head.SequenceEqual(y.Head) && x.Patches.SequenceEqual(y.Patches));
        }
    }
}
