using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Store;

/// <summary>Stored tracks as the <see cref="TrackFeatures"/> that <see cref="FeatureExtraction"/> gives for the same files and patch scaling.</summary>
/// <remarks>A record's head is the packed vector's [spectral | mean log-mel | descriptors] and its patches follow, so the values are the same bits.</remarks>
public static class StoreFeatures
{
    /// <summary>The features of <paramref name="keys"/>, in order, with the patches scaled by the model's training (shift, 1/std).</summary>
    public static TrackFeatures Read(FeatureStore store, IReadOnlyList<TrackKey> keys, FeatureConfig config, (float Shift, float InvScale) patchScaling)
    {
        var layout = FeatureLayout.Of(config);
        int n = keys.Count, mels = layout.Mels, size = layout.PatchSize;
        var heads = layout.Heads(n);
        var reader = store.CreateReader();
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            if (!store.TryGetEntry(keys[i], out var entry)) throw new KeyNotFoundException($"{store.Folder}: track {keys[i]} is not in the store");
            if (entry.HeadLength != layout.HeadLength || entry.PatchSize != size)
                throw new InvalidDataException($"{store.Folder}: track {keys[i]} has a head of {entry.HeadLength} values and patches of {entry.PatchSize}, not {layout.HeadLength} and {size} as its settings say");
            total += entry.PatchCount;
        }
        var patches = new float[total * size];
        var owner = new int[total];
        int at = 0;
        var (shift, inv) = patchScaling;
        for (int i = 0; i < n; i++)
        {
            var view = reader.Read(keys[i]);
            heads.Set(i, view.Head);
            var src = view.Patches;
            var dst = patches.AsSpan(at * size, src.Length);
            for (int j = 0; j < src.Length; j++) dst[j] = (src[j] - shift) * inv;
            owner.AsSpan(at, view.Entry.PatchCount).Fill(i);
            at += view.Entry.PatchCount;
        }
        return new TrackFeatures(heads.Spectral, heads.MeanLogMel, patches, owner, mels, config.PatchFrames, heads.Descriptors)
        {
            PatchShift = shift, PatchInvScale = inv, DescriptorGroups = layout.DescriptorGroups,
        };
    }
}
