using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Runner;

/// <summary>The features of a collection too large to hold its patches in memory: every track is extracted into a
/// <see cref="FeatureStore"/>, the per-track vectors are loaded, and the patches stay on disk for streamed training.</summary>
/// <remarks>The store is keyed by each file's content hash, so a killed extraction resumes at the next unfinished track, and
/// a later run (or <c>store extract</c> made beforehand, on a cluster too) finds the tracks already there.</remarks>
public static class StoredFeatures
{
    /// <summary>The store folder of a run's cache.</summary>
    public static string StoreRoot(string cacheRoot) => Path.Combine(cacheRoot, "store");

    /// <summary>Features of <paramref name="tracks"/> in order, patches left in the store under <paramref name="storeRoot"/>; with
    /// <paramref name="badFiles"/> undecodable tracks are recorded there (by index) and left out, as in <see cref="FeatureExtraction.Extract(Manifest, FeatureConfig, FeatureCache, RunConsole, SortedDictionary{int, BadFile}?)"/>.</summary>
    public static TrackFeatures Extract(IReadOnlyList<Track> tracks, FeatureConfig config, string storeRoot, RunConsole console,
        SortedDictionary<int, BadFile>? badFiles = null)
    {
        int n = tracks.Count;
        var warnings = new List<string>();
        var gate = new object();
        StoreExtractionResult? result = null;
        string settings = StoreExtraction.SettingsKey(config);
        using (var writable = FeatureStore.Open(storeRoot, settings))
            console.Progress($"features ({n} tracks, into the feature store {writable.Folder})", n, 0, tick =>
                result = StoreExtraction.Run(tracks, config, writable, skipBadFiles: badFiles is not null,
                    warn: m => { lock (gate) warnings.Add(m); }, cancel: console.Cancellation,
                    tracksDone: done => { lock (gate) tick(done, $"{done}/{n} tracks"); }));
        FeatureExtraction.ReportWarnings(console, warnings);
        foreach (var (i, bad) in result!.BadFiles) badFiles![i] = bad;

        // Read-only from here: training only reads, and a second run may extract into the same store meanwhile.
        var store = FeatureStore.OpenExisting(storeRoot, FeatureStore.HashOf(settings));
        var keys = new List<TrackKey>(n);
        for (int i = 0; i < n; i++) if (!result.BadFiles.ContainsKey(i)) keys.Add(result.Keys[i]);
        var layout = FeatureLayout.Of(config);
        var heads = layout.Heads(keys.Count);
        var patchTrack = new List<int>();
        var reader = store.CreateReader();
        for (int i = 0; i < keys.Count; i++)
        {
            var view = reader.Read(keys[i]);
            heads.Set(i, view.Head);
            for (int p = 0; p < view.Entry.PatchCount; p++) patchTrack.Add(i);
        }
        var (shift, inv) = PatchStream.Standardisation(store, keys);
        return new TrackFeatures(heads.Spectral, heads.MeanLogMel, [], [.. patchTrack], config.NMels, config.PatchFrames, heads.Descriptors)
        {
            PatchShift = shift, PatchInvScale = inv, DescriptorGroups = layout.DescriptorGroups, Stored = new StoredPatches(store, [.. keys]),
        };
    }
}
