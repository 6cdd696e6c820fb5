using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>Opens the collection a run works on: <c>--data DIR</c>, or the cached demo corpus; features come from the per-track cache, or from the feature store above <c>features.streamAboveTracks</c>.</summary>
public static class DataSource
{
    /// <summary>The cache folder under the output folder (demo corpus and extracted features).</summary>
    public static string CacheRoot(string outDir) => Path.Combine(Path.GetFullPath(outDir), ".cache");

    /// <summary>Loads the manifest (writing the demo corpus first when <paramref name="dataDir"/> is null); a folder without
    /// tracks.csv gets an inferred one (<see cref="Manifest.LoadOrInfer"/>).</summary>
    /// <remarks>With <paramref name="skipBadFiles"/> the features are extracted at once, files that cannot be decoded are listed
    /// and the dataset is the remaining tracks; otherwise extraction waits for the first task and the first bad file stops it.</remarks>
    public static Dataset Open(string? dataDir, string outDir, RunConfig config, RunConsole console, bool skipBadFiles = false)
    {
        string folder = dataDir ?? DemoCorpusCache.Ensure(CacheRoot(outDir), config.Corpus, console);
        var manifest = Manifest.LoadOrInfer(folder, out string? note);
        if (manifest.Scan is { } scan) console.Line($"{folder}: {scan.Describe()}");
        if (note is not null) console.Line($"note: {note}");
        CheckCount(manifest, manifest.Tracks.Count);
        var cache = new FeatureCache(Path.Combine(CacheRoot(outDir), "features"));
        // A large collection's patches would not fit in memory: they stay in the feature store and training streams them.
        TrackFeatures Extract(SortedDictionary<int, BadFile>? bad) => manifest.Tracks.Count > config.Features.StreamAboveTracks
            ? StoredFeatures.Extract(manifest.Tracks, config.Features, StoredFeatures.StoreRoot(CacheRoot(outDir)), console, bad)
            : FeatureExtraction.Extract(manifest, config.Features, cache, console, bad);
        if (!skipBadFiles) return new Dataset(manifest, () => Extract(null));

        var bad = new SortedDictionary<int, BadFile>();
        var features = Extract(bad);
        if (bad.Count == 0) return new Dataset(manifest, () => features);
        console.Line($"skipped {bad.Count} file(s) that could not be read (--skip-bad-files):");
        foreach (var b in bad.Values) console.Line($"  {b}");
        CheckCount(manifest, manifest.Tracks.Count - bad.Count);
        return new Dataset(manifest.Without(bad.Keys.ToHashSet()), () => features, bad.Values.ToList());
    }

    private static void CheckCount(Manifest manifest, int usable)
    {
        if (usable < 4)
            throw new Cli.UserInputException($"{manifest.CsvPath}: {usable} usable track(s); clustering needs at least 4");
    }
}
