using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Commands;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Distributed;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Distributed;

[Collection("Orleans")]
public sealed class ClusterEncodingTests(OrleansClusterFixture fixture)
{
    private const int Tracks = 300;

    [Fact]
    public async Task Three_silos_encode_from_the_store_exactly_as_a_local_encode_of_the_audio()
    {
        var corpus = ClusterCorpus.Instance;
        var tracks = corpus.Tracks.Take(Tracks).ToList();
        var keys = tracks.Select(t => TrackKey.OfFile(t.FullPath)).ToArray();
        string folder = Path.Combine(corpus.Root, $"encode-{Guid.NewGuid():N}");
        string conv, spectral;
        using (var store = FeatureStore.Open(corpus.LocalStore, StoreExtraction.SettingsKey(corpus.Config)))
        {
            conv = EncodeCheckpoints.Conv(folder, corpus.Config, store, keys);
            spectral = EncodeCheckpoints.Spectral(folder, corpus.Config, store, keys);
        }
        // One cache for both models: the audio is decoded once.
        var cache = new FeatureCache(Path.Combine(folder, "cache"));
        foreach (string checkpoint in new[] { conv, spectral })
        {
            var (model, spec) = EncodeCommand.Load(checkpoint);
            var local = TrackEncoder.Encode(model, spec, tracks, cache, new RunConsole(TextWriter.Null), checkpoint);
            var progress = new ClusterProgress(Tracks);
            using var store = FeatureStore.OpenExisting(corpus.LocalStore, FeatureStore.HashOf(StoreExtraction.SettingsKey(corpus.Config)));
            var remote = await ClusterEncoding.RunAsync(fixture.Cluster.Client, model, spec, checkpoint, store, keys, chunkBatches: 1, progress);
            Assert.Equal(Tracks, progress.TracksDone);
            Assert.Equal((local.Rows, local.Cols), (remote.Rows, remote.Cols));
            Assert.True(local.Data.AsSpan().SequenceEqual(remote.Data), $"{Path.GetFileName(checkpoint)}: the cluster's rows differ from the local encode's");
        }
    }

    [Fact]
    public async Task Three_silos_encode_a_larger_store_exactly_as_a_local_encode_of_it_across_batches_and_track_groups()
    {
        // More tracks than a local encode's group and several patches a track, so chunks start and end inside tracks and groups.
        var corpus = ClusterCorpus.Instance;
        int n = TrackEncoder.TracksPerBatch + 100;
        string root = corpus.NewStoreRoot(), folder = Path.Combine(corpus.Root, $"encode-{Guid.NewGuid():N}");
        using var store = FeatureStore.Open(root, StoreExtraction.SettingsKey(corpus.Config));
        int head, size = corpus.Config.NMels * corpus.Config.PatchFrames;
        using (var local = FeatureStore.Open(corpus.LocalStore, StoreExtraction.SettingsKey(corpus.Config))) head = local.Entries[0].HeadLength;
        var rng = new Random(3);
        var keys = new TrackKey[n];
        var bytes = new byte[TrackKey.Size];
        for (int t = 0; t < n; t++)
        {
            rng.NextBytes(bytes);
            keys[t] = TrackKey.FromBytes(bytes);
            int patches = 1 + t * 7 % 4;
            var values = new float[head + patches * size];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() * 4 - 2);
            store.Write(new StoredTrack(keys[t], values[..head], patches, size, values[head..]));
        }
        foreach (string checkpoint in new[] { EncodeCheckpoints.Conv(folder, corpus.Config, store, keys), EncodeCheckpoints.Spectral(folder, corpus.Config, store, keys) })
        {
            var (model, spec) = EncodeCommand.Load(checkpoint);
            var local = StreamEncoding.Encode(model, spec, store, keys, checkpoint);
            var nodes = new HashSet<string>();
            var progress = new ClusterProgress(n);
            var remote = await ClusterEncoding.RunAsync(fixture.Cluster.Client, model, spec, checkpoint, store, keys, chunkBatches: 1, progress,
                shardDone: (silo, _) => { lock (nodes) nodes.Add(silo); });
            Assert.Equal(3, nodes.Count);
            Assert.Equal(n, progress.TracksDone);
            Assert.Equal((local.Rows, local.Cols), (remote.Rows, remote.Cols));
            Assert.True(local.Data.AsSpan().SequenceEqual(remote.Data), $"{Path.GetFileName(checkpoint)}: the cluster's rows differ from the local encode's");
        }
    }

    [Fact]
    public async Task A_store_the_nodes_cannot_read_is_one_user_error_naming_it()
    {
        var corpus = ClusterCorpus.Instance;
        var keys = corpus.Tracks.Take(4).Select(t => TrackKey.OfFile(t.FullPath)).ToArray();
        using var local = FeatureStore.Open(corpus.LocalStore, StoreExtraction.SettingsKey(corpus.Config));
        string checkpoint = EncodeCheckpoints.Conv(Path.Combine(corpus.Root, $"encode-{Guid.NewGuid():N}"), corpus.Config, local, keys);
        var (model, spec) = EncodeCommand.Load(checkpoint);
        // The client holds the tracks in a store whose folder is gone from the disk: a path the nodes do not share.
        string missing = corpus.NewStoreRoot();
        using var store = FeatureStore.Open(missing, StoreExtraction.SettingsKey(corpus.Config));
        foreach (var key in keys) store.Write(local.Read(key));
        Directory.Delete(missing, recursive: true);
        var e = await Assert.ThrowsAsync<UserInputException>(() =>
            ClusterEncoding.RunAsync(fixture.Cluster.Client, model, spec, checkpoint, store, keys).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"--store {missing}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_checkpoint_a_node_cannot_read_or_that_differs_from_the_clients_is_named_in_the_nodes_answer()
    {
        var corpus = ClusterCorpus.Instance;
        var keys = corpus.Tracks.Take(4).Select(t => TrackKey.OfFile(t.FullPath).ToString()).ToArray();
        string json = System.Text.Json.JsonSerializer.Serialize(corpus.Config);
        string folder = Path.Combine(corpus.Root, $"encode-{Guid.NewGuid():N}");
        string checkpoint;
        using (var store = FeatureStore.Open(corpus.LocalStore, StoreExtraction.SettingsKey(corpus.Config)))
            checkpoint = EncodeCheckpoints.Conv(folder, corpus.Config, store, keys.Select(TrackKey.Parse).ToArray());
        await using var work = await ClusterWork.StartAsync(fixture.Cluster.Client);
        var grain = fixture.Cluster.Client.GetGrain<IEncodeShardGrain>(work.Silos[0]);

        string gone = Path.Combine(folder, "gone.safetensors");
        var r = await grain.Encode(new EncodeShard(corpus.LocalStore, json, gone, new string('0', 64), keys, 0, 4)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(r.Error);
        Assert.Contains($"--checkpoint {gone}", r.Error);
        Assert.StartsWith($"node {ClusterProgress.NodeName(work.Silos[0])}: ", r.Error);
        Assert.DoesNotContain('\n', r.Error);

        r = await grain.Encode(new EncodeShard(corpus.LocalStore, json, checkpoint, new string('0', 64), keys, 0, 4)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains($"--checkpoint {checkpoint}: this node's copy differs from the client's", r.Error);

        r = await grain.Encode(new EncodeShard(corpus.LocalStore, json, checkpoint, ClusterEncoding.Sha256(checkpoint), keys, 0, 2));
        Assert.Null(r.Error);
        Assert.Equal((3, 2 * 3), (r.Latent, r.Mu.Length));
    }
}
