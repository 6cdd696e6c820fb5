using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Distributed;

/// <summary>
/// Extraction into a feature store by a cluster: the manifest is cut into shards of consecutive tracks, each extracted by
/// one node's <see cref="IExtractionShardGrain"/> straight into the store (a folder every node reaches at the same path).
/// </summary>
/// <remarks>
/// A track's record depends on its file and the settings only, and a node skips tracks already stored, so a shard re-run
/// after its node died writes only what was missing: the store ends as the single-machine run's, record for record.
/// </remarks>
public static class ClusterExtraction
{
    /// <summary>Tracks per shard: large enough that a call's overhead is small, small enough that a dead node loses little.</summary>
    public const int DefaultShardTracks = 16;

    /// <summary>Extracts <paramref name="tracks"/> into the store at <paramref name="storeRoot"/>; the result is in input order, as <see cref="StoreExtraction.Run"/>'s.</summary>
    /// <remarks><paramref name="shardDone"/> is told (node key, tracks) as each shard finishes.</remarks>
    public static async Task<StoreExtractionResult> RunAsync(IGrainFactory grains, IReadOnlyList<Track> tracks, FeatureConfig config, string storeRoot,
        bool skipBadFiles = false, int shardTracks = DefaultShardTracks, ClusterProgress? progress = null, Action<string, int>? shardDone = null,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardTracks, 1);
        string root = Path.GetFullPath(storeRoot);
        string json = JsonSerializer.Serialize(config);
        int n = tracks.Count, shards = (n + shardTracks - 1) / shardTracks;
        var clock = Stopwatch.StartNew();
        await using var work = await ClusterWork.StartAsync(grains);
        var results = await work.RunAsync(shards, async (silo, s) =>
        {
            int start = s * shardTracks, count = Math.Min(shardTracks, n - start);
            var part = Enumerable.Range(start, count).Select(i => tracks[i]).ToArray();
            var shard = new ExtractionShard(root, json, part.Select(t => t.Id).ToArray(), part.Select(t => t.File).ToArray(),
                part.Select(t => t.FullPath).ToArray(), skipBadFiles);
            var r = await grains.GetGrain<IExtractionShardGrain>(silo).Extract(shard);
            if (r.Error is not null) throw new UserInputException(r.Error);
            if (r.Keys.Length != count) throw new InvalidOperationException($"shard {s} came back with {r.Keys.Length} keys for {count} tracks");
            return r;
        }, lanes: 2, done: (s, silo) =>
        {
            int count = Math.Min(shardTracks, n - s * shardTracks);
            progress?.Completed(silo, count);
            shardDone?.Invoke(silo, count);
        }, cancel);
        progress?.Finish(work.Retries);
        foreach (string silo in work.Silos)
        {
            // Best effort: a node's writer is fsynced when closed; records are already flushed to the OS one by one.
            try { await grains.GetGrain<IExtractionShardGrain>(silo).Close(root, StoreExtraction.SettingsKey(config)).WaitAsync(TimeSpan.FromSeconds(10), cancel); }
            catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException) { }
        }
        var keys = new TrackKey[n];
        var bad = new SortedDictionary<int, BadFile>();
        int extracted = 0, reused = 0;
        for (int s = 0; s < shards; s++)
        {
            var r = results[s];
            int start = s * shardTracks;
            for (int i = 0; i < r.Keys.Length; i++) if (r.Keys[i].Length > 0) keys[start + i] = TrackKey.Parse(r.Keys[i]);
            for (int b = 0; b < r.BadIndexes.Length; b++)
            {
                var t = tracks[start + r.BadIndexes[b]];
                bad[start + r.BadIndexes[b]] = new BadFile(t.File, t.FullPath, r.BadReasons[b]);
            }
            extracted += r.Extracted;
            reused += r.Reused;
        }
        return new StoreExtractionResult(keys, extracted, reused, bad, clock.Elapsed.TotalSeconds);
    }
}
