using System.Collections.Concurrent;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Commands;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;
using Orleans.Concurrency;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Embeds a chunk of stored tracks (<see cref="TrackEncoder.ModelInput"/>, then the model) on the node it is pinned to; keeps loaded models (one per call in flight) and read-only stores between shards.</summary>
[SiloPinnedPlacement, Reentrant]
internal sealed class EncodeShardGrain : Grain, IEncodeShardGrain
{
    // A model is not safe to embed with from two calls at once, so each call takes one of its own from the pool.
    private readonly ConcurrentDictionary<string, ConcurrentBag<(VaeModel Model, EncoderSpec Spec)>> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeatureStore> _stores = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public Task<EncodeShardResult> Encode(EncodeShard shard) => Task.Run(() =>
    {
        string node = ClusterProgress.NodeName(this.GetPrimaryKeyString());
        try
        {
            var config = JsonSerializer.Deserialize<FeatureConfig>(shard.FeatureConfigJson) ?? throw new ArgumentException("the shard has no feature settings");
            var keys = shard.Keys.Select(TrackKey.Parse).ToArray();
            var store = StoreFor(shard.StoreRoot, StoreExtraction.SettingsKey(config));
            // Records written by other nodes since this node last looked.
            store.Refresh();
            var pool = _models.GetOrAdd(shard.Checkpoint + "\n" + shard.CheckpointHash, _ => []);
            if (!pool.TryTake(out var loaded)) loaded = Load(shard.Checkpoint, shard.CheckpointHash, node);
            try
            {
                var (model, spec) = (loaded.Model, loaded.Spec with { Features = config });
                var f = StoreFeatures.Read(store, keys, config, (spec.Input.PatchShift, spec.Input.PatchInvScale));
                var input = TrackEncoder.ModelInput(spec, f, shard.Checkpoint);
                if (shard.FirstUnit < 0 || shard.Units < 1 || shard.FirstUnit + shard.Units > input.Shape[0])
                    throw new ArgumentException($"the chunk asks for samples {shard.FirstUnit}..{shard.FirstUnit + shard.Units} of {input.Shape[0]}");
                // Whole batches from the chunk's start, which is on a batch bound of the local run.
                var mu = model.Embed(input.Slice(shard.FirstUnit, shard.Units), TrackEncoder.EmbedBatch).ToArray();
                return new EncodeShardResult(mu, model.Latent, null);
            }
            finally { pool.Add(loaded); }
        }
        catch (Exception e) when (e is UserInputException or IOException or InvalidDataException or UnauthorizedAccessException or KeyNotFoundException)
        {
            return new EncodeShardResult([], 0, $"node {node}: {e.Message}");
        }
    });

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var s in _stores.Values) s.Dispose();
            _stores.Clear();
        }
        return Task.CompletedTask;
    }

    private static (VaeModel, EncoderSpec) Load(string path, string hash, string node)
    {
        // The client read its own copy; a node with another file at the same path would give other rows.
        if (File.Exists(path) && ClusterEncoding.Sha256(path) != hash)
            throw new UserInputException($"--checkpoint {path}: this node's copy differs from the client's (SHA-256 {hash[..12]}…)");
        return EncodeCommand.Load(path);
    }

    private FeatureStore StoreFor(string root, string settingsKey)
    {
        lock (_gate)
        {
            string key = Path.GetFullPath(root) + "\n" + settingsKey;
            if (!_stores.TryGetValue(key, out var store))
            {
                try { store = FeatureStore.OpenExisting(root, FeatureStore.HashOf(settingsKey)); }
                catch (IOException e) { throw new UserInputException($"--store {root}: {e.Message}", e); }
                _stores[key] = store;
            }
            return store;
        }
    }
}
