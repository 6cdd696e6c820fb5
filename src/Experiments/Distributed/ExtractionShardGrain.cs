using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using Orleans.Concurrency;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Runs <see cref="StoreExtraction"/> on a shard, on the node it is pinned to; keeps one store writer per (root, settings) open between shards.</summary>
[SiloPinnedPlacement, Reentrant]
internal sealed class ExtractionShardGrain : Grain, IExtractionShardGrain
{
    private readonly Dictionary<string, FeatureStore> _stores = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task<ExtractionShardResult> Extract(ExtractionShard shard) => Task.Run(async () =>
    {
        var config = JsonSerializer.Deserialize<FeatureConfig>(shard.FeatureConfigJson) ?? throw new ArgumentException("the shard has no feature settings");
        var empty = new Dictionary<string, string>();
        var tracks = new Track[shard.Paths.Length];
        for (int i = 0; i < tracks.Length; i++) tracks[i] = new Track(shard.Ids[i], shard.Files[i], shard.Paths[i], null, null, "", empty, 0);
        try
        {
            var store = await StoreFor(shard.StoreRoot, StoreExtraction.SettingsKey(config));
            // Tracks another node stored (a shard of a node that died midway) are seen, and not extracted again.
            store.Refresh();
            var result = StoreExtraction.Run(tracks, config, store, skipBadFiles: shard.SkipBadFiles);
            var keys = result.Keys.Select((k, i) => result.BadFiles.ContainsKey(i) ? "" : k.ToString()).ToArray();
            return new ExtractionShardResult(keys, result.Extracted, result.Reused, result.BadFiles.Keys.ToArray(),
                result.BadFiles.Values.Select(b => b.Reason).ToArray(), null);
        }
        catch (Exception e) when (e is UserInputException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new ExtractionShardResult([], 0, 0, [], [], e.Message);
        }
    });

    public async Task Close(string storeRoot, string settingsKey)
    {
        await _gate.WaitAsync();
        try
        {
            if (_stores.Remove(Key(storeRoot, settingsKey), out var store)) store.Dispose();
        }
        finally { _gate.Release(); }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var s in _stores.Values) s.Dispose();
            _stores.Clear();
        }
        finally { _gate.Release(); }
    }

    private async Task<FeatureStore> StoreFor(string root, string settingsKey)
    {
        await _gate.WaitAsync();
        try
        {
            string key = Key(root, settingsKey);
            if (!_stores.TryGetValue(key, out var store)) _stores[key] = store = FeatureStore.Open(root, settingsKey);
            return store;
        }
        finally { _gate.Release(); }
    }

    private static string Key(string root, string settingsKey) => Path.GetFullPath(root) + "\n" + settingsKey;
}
