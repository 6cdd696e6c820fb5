using MusicCluster.Experiments.Distributed;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary>Three real node processes; one is killed with SIGKILL in the middle of an extraction.</summary>
[Collection("Orleans")]
public sealed class NodeFailureTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_killed_node_shards_run_elsewhere_and_the_store_equals_the_single_machine_one()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var corpus = ClusterCorpus.Instance;
        output.WriteLine($"corpus {sw.ElapsedMilliseconds}");
        using var nodes = NodeProcesses.Start(3);
        int victim = nodes.Ports[2];
        output.WriteLine($"nodes {sw.ElapsedMilliseconds}");
        await using var connection = await ClusterConnection.ConnectAsync($"127.0.0.1:{nodes.Ports[0]}");
        // Wait until the client's view has all three nodes.
        for (int i = 0; i < 100; i++)
        {
            await using var probe = await ClusterWork.StartAsync(connection.Client);
            if (probe.Silos.Count == 3) break;
            await Task.Delay(100);
        }
        output.WriteLine($"connected {sw.ElapsedMilliseconds}");
        // Warm every node up first (JIT, grain activation): otherwise a cold victim can return its first shard only when
        // the other two have emptied the queue, and then it dies with nothing in flight.
        await ClusterExtraction.RunAsync(connection.Client, corpus.Tracks.Skip(48).Take(12).ToList(), corpus.Config, corpus.NewStoreRoot(), shardTracks: 1);
        output.WriteLine($"warm {sw.ElapsedMilliseconds}");
        string root = corpus.NewStoreRoot();
        // 48 tracks in 24 shards keep the job short while the victim still has shards queued when it dies.
        var tracks = corpus.Tracks.Take(48).ToList();
        var progress = new ClusterProgress(tracks.Count);
        int killedAt = -1;
        var result = await ClusterExtraction.RunAsync(connection.Client, tracks, corpus.Config, root, shardTracks: 2, progress: progress,
            shardDone: (silo, _) =>
            {
                // The victim has finished a shard, so it is working: it dies with its next shard in flight.
                if (killedAt < 0 && ClusterProgress.NodeName(silo).EndsWith($":{victim}", StringComparison.Ordinal))
                {
                    killedAt = progress.TracksDone;
                    nodes.Kill(victim);
                    output.WriteLine($"killed {sw.ElapsedMilliseconds} at {killedAt}");
                }
            });
        output.WriteLine($"done {sw.ElapsedMilliseconds}");
        Assert.InRange(killedAt, 1, tracks.Count - 1);
        Assert.True(progress.Retries >= 1, "no shard ran again after the kill");
        Assert.Equal(tracks.Count, progress.TracksDone);
        using var store = FeatureStore.Open(root, StoreExtraction.SettingsKey(corpus.Config));
        using var local = FeatureStore.Open(corpus.LocalStore, StoreExtraction.SettingsKey(corpus.Config));
        Assert.Equal(tracks.Count, store.Count);
        Assert.Equal(0, store.Duplicates);
        Assert.Equal(tracks.Count, result.Keys.Distinct().Count());
        // Every track's record is the single-machine run's, value for value.
        var (mine, theirs) = (store.CreateReader(), local.CreateReader());
        foreach (var key in result.Keys)
        {
            var a = mine.Read(key);
            var aHead = a.Head.ToArray();
            var aPatches = a.Patches.ToArray();
            var b = theirs.Read(key);
            Assert.True(b.Head.SequenceEqual(aHead) && b.Patches.SequenceEqual(aPatches), $"track {key} differs from the single-machine store");
        }
    }
}
