using System.Security.Cryptography;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Distributed;

/// <summary>
/// Encoding of stored tracks by a cluster: the keys are cut into shards of consecutive tracks, each embedded by one node's
/// <see cref="IEncodeShardGrain"/> from the store and the checkpoint (both at paths every node reaches), and the rows are
/// put back in input order.
/// </summary>
/// <remarks>A track's row depends on its features and the model only, so however the shards were spread or re-run after a
/// node died, the matrix is the local <c>encode</c>'s, bit for bit.</remarks>
public static class ClusterEncoding
{
    /// <summary>Tracks per shard: encoding a track is cheap next to extracting it, so shards are larger than extraction's.</summary>
    public const int DefaultShardTracks = 64;

    /// <summary>One row per key, in order, from the checkpoint at <paramref name="checkpoint"/> with features <paramref name="config"/> (its run's, or with another decoder).</summary>
    /// <remarks><paramref name="shardDone"/> is told (node key, tracks) as each shard finishes.</remarks>
    public static async Task<FeatureMatrix> RunAsync(IGrainFactory grains, IReadOnlyList<TrackKey> keys, FeatureConfig config, string checkpoint, string storeRoot,
        int shardTracks = DefaultShardTracks, ClusterProgress? progress = null, Action<string, int>? shardDone = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardTracks, 1);
        string root = Path.GetFullPath(storeRoot), path = Path.GetFullPath(checkpoint);
        if (!File.Exists(path)) throw new UserInputException($"--checkpoint {checkpoint}: no such file");
        string hash = Sha256(path), json = JsonSerializer.Serialize(config);
        int n = keys.Count, shards = (n + shardTracks - 1) / shardTracks;
        await using var work = await ClusterWork.StartAsync(grains);
        var results = await work.RunAsync(shards, async (silo, s) =>
        {
            int start = s * shardTracks, count = Math.Min(shardTracks, n - start);
            var part = new string[count];
            for (int i = 0; i < count; i++) part[i] = keys[start + i].ToString();
            var r = await grains.GetGrain<IEncodeShardGrain>(silo).Encode(new EncodeShard(root, json, path, hash, part));
            if (r.Error is not null) throw new UserInputException(r.Error);
            if (r.Cols < 1 || r.Rows.Length != (long)count * r.Cols) throw new InvalidOperationException($"shard {s} came back with {r.Rows.Length} values for {count} tracks");
            return r;
        }, lanes: 2, done: (s, silo) =>
        {
            int count = Math.Min(shardTracks, n - s * shardTracks);
            progress?.Completed(silo, count);
            shardDone?.Invoke(silo, count);
        }, cancel);
        progress?.Finish(work.Retries);
        int cols = shards == 0 ? 0 : results[0].Cols;
        var matrix = FeatureMatrix.Zeros(n, cols);
        for (int s = 0; s < shards; s++)
        {
            if (results[s].Cols != cols) throw new InvalidOperationException($"shard {s} came back {results[s].Cols} wide, shard 0 {cols}");
            results[s].Rows.CopyTo(matrix.Data.AsSpan(s * shardTracks * cols));
        }
        return matrix;
    }

    /// <summary>Hex SHA-256 of a file: the nodes check that their copy of the checkpoint is the client's.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
