using System.Security.Cryptography;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Networks;

namespace MusicCluster.Experiments.Distributed;

/// <summary>
/// Encoding of stored tracks by a cluster: the model's forward passes, the work, run on the nodes' <see cref="IEncodeShardGrain"/>s
/// (reading the store and the checkpoint at paths every node reaches); the client puts their μ back in input order and makes
/// the tracks' rows as <see cref="TrackEncoder"/> does.
/// </summary>
/// <remarks>
/// A sample's μ may differ in its last bits with the batch it was computed in, so the work is cut exactly where a local
/// <c>encode</c> cuts it: tracks in groups of <see cref="TrackEncoder.TracksPerBatch"/>, a group's samples (patches, or one row
/// per track) in batches of <see cref="TrackEncoder.EmbedBatch"/>, a chunk of work being a few whole batches. However the
/// chunks were spread, or re-run after a node died, the rows are the local <c>encode</c>'s, bit for bit.
/// </remarks>
public static class ClusterEncoding
{
    /// <summary>Forward-pass batches per chunk: a chunk is cheap next to extraction, so a few batches keep a call's overhead small.</summary>
    public const int DefaultChunkBatches = 4;

    private sealed record Chunk(int Group, int FirstTrack, int Tracks, int FirstUnit, int Units, int TracksEnding);

    /// <summary>The rows of the stored tracks <paramref name="keys"/>, in order, from the model read from <paramref name="checkpoint"/> (a path the nodes read too)
    /// with <paramref name="spec"/> (its features may name another decoder than the run's).</summary>
    /// <remarks><paramref name="shardDone"/> is told (node key, tracks finished) as each chunk finishes.</remarks>
    public static async Task<FeatureMatrix> RunAsync(IGrainFactory grains, VaeModel model, EncoderSpec spec, string checkpoint, FeatureStore store, IReadOnlyList<TrackKey> keys,
        int chunkBatches = DefaultChunkBatches, ClusterProgress? progress = null, Action<string, int>? shardDone = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBatches, 1);
        int width = TrackEncoder.Check(model, spec, checkpoint), latent = model.Latent, n = keys.Count;
        string root = Path.GetDirectoryName(store.Folder)!, path = Path.GetFullPath(checkpoint);
        if (!File.Exists(path)) throw new UserInputException($"--checkpoint {checkpoint}: no such file");
        string hash = Sha256(path), json = JsonSerializer.Serialize(spec.Features);
        bool patches = spec.Input.Block == EncoderInput.PatchBlock;
        var units = new int[n];
        for (int t = 0; t < n; t++)
        {
            if (!store.TryGetEntry(keys[t], out var entry)) throw new KeyNotFoundException($"{store.Folder}: track {keys[t]} is not in the store");
            units[t] = patches ? entry.PatchCount : 1;
        }
        var chunks = Plan(units, chunkBatches * TrackEncoder.EmbedBatch);
        await using var work = await ClusterWork.StartAsync(grains);
        var results = await work.RunAsync(chunks.Count, async (silo, c) =>
        {
            var chunk = chunks[c];
            var part = new string[chunk.Tracks];
            for (int i = 0; i < part.Length; i++) part[i] = keys[chunk.FirstTrack + i].ToString();
            var r = await grains.GetGrain<IEncodeShardGrain>(silo).Encode(new EncodeShard(root, json, path, hash, part, chunk.FirstUnit, chunk.Units));
            if (r.Error is not null) throw new UserInputException(r.Error);
            if (r.Latent != latent || r.Mu.Length != (long)chunk.Units * latent)
                throw new InvalidOperationException($"chunk {c} came back with {r.Mu.Length} values for {chunk.Units} samples of {latent}");
            return r.Mu;
        }, lanes: 2, done: (c, silo) =>
        {
            progress?.Completed(silo, chunks[c].TracksEnding);
            shardDone?.Invoke(silo, chunks[c].TracksEnding);
        }, cancel);
        progress?.Finish(work.Retries);

        var matrix = FeatureMatrix.Zeros(n, width);
        for (int c = 0; c < chunks.Count;)
        {
            int group = chunks[c].Group, start = group * TrackEncoder.TracksPerBatch, count = Math.Min(TrackEncoder.TracksPerBatch, n - start);
            var mu = new List<float>();
            for (; c < chunks.Count && chunks[c].Group == group; c++) mu.AddRange(results[c]);
            var owner = new int[patches ? mu.Count / latent : 0];
            for (int t = 0, at = 0; patches && t < count; at += units[start + t], t++) owner.AsSpan(at, units[start + t]).Fill(t);
            TrackEncoder.Rows(latent, spec, [.. mu], owner, count, checkpoint).Data.CopyTo(matrix.Data.AsSpan(start * width));
        }
        return matrix;
    }

    /// <summary>Hex SHA-256 of a file: the nodes check that their copy of the checkpoint is the client's.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // Per group of tracks, its samples cut every chunkUnits (a multiple of the forward-pass batch), each chunk naming the tracks it touches.
    private static List<Chunk> Plan(int[] units, int chunkUnits)
    {
        var chunks = new List<Chunk>();
        for (int g = 0, start = 0; start < units.Length; g++, start += TrackEncoder.TracksPerBatch)
        {
            int end = Math.Min(units.Length, start + TrackEncoder.TracksPerBatch);
            int track = start, offset = 0;    // first sample not yet in a chunk: sample `offset` of `track`
            while (track < end)
            {
                if (units[track] == offset) { track++; offset = 0; continue; }
                int first = track, firstUnit = offset, taken = 0, ending = 0;
                while (track < end && taken < chunkUnits)
                {
                    int take = Math.Min(units[track] - offset, chunkUnits - taken);
                    taken += take;
                    offset += take;
                    if (offset == units[track]) { ending++; track++; offset = 0; }
                }
                int last = offset > 0 ? track : track - 1;
                chunks.Add(new Chunk(g, first, last - first + 1, firstUnit, taken, ending));
            }
        }
        return chunks;
    }
}
