using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Store;

/// <summary>Embeds stored tracks with a patch model, streaming: patches are embedded batch by batch in track order, and each
/// track's row is made from its patches' μ as soon as the last of them is embedded.</summary>
public static class StreamEncoding
{
    /// <summary>What <see cref="TrackEncoder.Encode"/> gives for the stored tracks <paramref name="keys"/>, bit for bit, read from the store
    /// <paramref name="batchTracks"/> tracks at a time (a cluster node encodes its shard with this).</summary>
    public static FeatureMatrix Encode(VaeModel model, EncoderSpec spec, FeatureStore store, IReadOnlyList<TrackKey> keys, string source,
        int batchTracks = TrackEncoder.TracksPerBatch, Action<int>? tracksDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchTracks, 1);
        int width = TrackEncoder.Check(model, spec, source);
        var result = FeatureMatrix.Zeros(keys.Count, width);
        var scaling = (spec.Input.PatchShift, spec.Input.PatchInvScale);
        var all = keys as TrackKey[] ?? [.. keys];
        for (int start = 0; start < keys.Count; start += batchTracks)
        {
            int count = Math.Min(batchTracks, keys.Count - start);
            var f = StoreFeatures.Read(store, new ArraySegment<TrackKey>(all, start, count), spec.Features, scaling);
            TrackEncoder.Embed(model, spec, f, source).Data.CopyTo(result.Data.AsSpan(start * width));
            tracksDone?.Invoke(start + count);
        }
        return result;
    }

    /// <summary>One row per track of <paramref name="tracks"/>, in order: the mean μ of its patches, followed by their std with
    /// <paramref name="withStd"/> (the runner's conv embedding), computed as <see cref="Representations.MeanStdPerTrack"/> does.
    /// Memory: one batch of patches and the μ rows of the tracks not yet finished.</summary>
    public static FeatureMatrix PerTrack(VaeModel model, FeatureStore store, IReadOnlyList<TrackKey> tracks, (float Shift, float InvScale) scaling,
        int mels, int frames, bool withStd = false, int batchPatches = 256, Action<int>? tracksDone = null)
    {
        int size = mels * frames, latent = model.Latent, width = withStd ? 2 * latent : latent;
        var result = FeatureMatrix.Zeros(tracks.Count, width);
        var batch = new float[(long)batchPatches * size];
        var pending = new List<float>();     // μ rows of embedded patches of unfinished tracks, in order
        var waiting = new Queue<(int Track, int Patches)>();
        var reader = store.CreateReader();
        int held = 0;
        var (shift, inv) = scaling;
        for (int t = 0; t < tracks.Count; t++)
        {
            var view = reader.Read(tracks[t]);
            if (view.Entry.PatchSize != size) throw new InvalidDataException($"{store.Folder}: track {tracks[t]} has patches of {view.Entry.PatchSize} values, not {mels}×{frames}");
            if (view.Entry.PatchCount == 0) throw new InvalidDataException($"{store.Folder}: track {tracks[t]} has no patches");
            waiting.Enqueue((t, view.Entry.PatchCount));
            for (int p = 0; p < view.Entry.PatchCount; p++)
            {
                var src = view.Patch(p);
                var dst = batch.AsSpan(held * size, size);
                for (int i = 0; i < size; i++) dst[i] = (src[i] - shift) * inv;
                if (++held == batchPatches) { Flush(); held = 0; }
            }
        }
        if (held > 0) Flush();
        return result;

        void Flush()
        {
            pending.AddRange(model.Embed(Tensor<float>.Wrap(batch, batchPatches, 1, mels, frames).Slice(0, held), batchPatches).ToArray());
            int used = 0;
            while (waiting.Count > 0 && pending.Count - used >= waiting.Peek().Patches * latent)
            {
                var (track, count) = waiting.Dequeue();
                var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending).Slice(used, count * latent);
                var owner = new int[count];
                var row = withStd ? Representations.MeanStdPerTrack(rows, latent, owner, 1) : Representations.MeanPerTrack(rows, latent, owner, 1);
                row.Data.CopyTo(result.Row(track));
                used += count * latent;
                tracksDone?.Invoke(track + 1);
            }
            pending.RemoveRange(0, used);
        }
    }
}
