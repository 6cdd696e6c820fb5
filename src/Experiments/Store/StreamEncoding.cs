using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Store;

/// <summary>Embeds stored tracks with a patch model, streaming: a track's row is the mean μ of its patches, batch by batch in track order.</summary>
public static class StreamEncoding
{
    /// <summary>One row of <c>model.Latent</c> values per track of <paramref name="tracks"/>, in order; memory is one batch of patches.</summary>
    public static FeatureMatrix MeanMu(VaeModel model, FeatureStore store, IReadOnlyList<TrackKey> tracks, (float Shift, float InvScale) scaling,
        int mels, int frames, int batchPatches = 256, Action<int>? tracksDone = null)
    {
        int size = mels * frames, latent = model.Latent;
        var result = FeatureMatrix.Zeros(tracks.Count, latent);
        var batch = new float[(long)batchPatches * size];
        var owner = new int[batchPatches];
        var counts = new int[tracks.Count];
        var reader = store.CreateReader();
        int held = 0;
        var (shift, inv) = scaling;
        for (int t = 0; t < tracks.Count; t++)
        {
            var view = reader.Read(tracks[t]);
            if (view.Entry.PatchSize != size) throw new InvalidDataException($"{store.Folder}: track {tracks[t]} has patches of {view.Entry.PatchSize} values, not {mels}×{frames}");
            if (view.Entry.PatchCount == 0) throw new InvalidDataException($"{store.Folder}: track {tracks[t]} has no patches");
            for (int p = 0; p < view.Entry.PatchCount; p++)
            {
                var src = view.Patch(p);
                var dst = batch.AsSpan(held * size, size);
                for (int i = 0; i < size; i++) dst[i] = (src[i] - shift) * inv;
                owner[held++] = t;
                if (held == batchPatches) { Flush(); held = 0; }
            }
            counts[t] = view.Entry.PatchCount;
            tracksDone?.Invoke(t + 1);
        }
        if (held > 0) Flush();
        for (int t = 0; t < tracks.Count; t++)
        {
            var row = result.Row(t);
            for (int j = 0; j < latent; j++) row[j] /= counts[t];
        }
        return result;

        void Flush()
        {
            var mu = model.Embed(Tensor<float>.Wrap(batch, batchPatches, 1, mels, frames).Slice(0, held), batchPatches).ToArray().AsSpan();
            for (int p = 0; p < held; p++)
            {
                var row = result.Row(owner[p]);
                var m = mu.Slice(p * latent, latent);
                for (int j = 0; j < latent; j++) row[j] += m[j];
            }
        }
    }
}
