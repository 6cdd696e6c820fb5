using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>Opens the collection a run works on: <c>--data DIR</c>, or the cached demo corpus; features come from the per-track cache.</summary>
public static class DataSource
{
    /// <summary>The cache folder under the output folder (demo corpus and extracted features).</summary>
    public static string CacheRoot(string outDir) => Path.Combine(Path.GetFullPath(outDir), ".cache");

    /// <summary>Loads the manifest (writing the demo corpus first when <paramref name="dataDir"/> is null).</summary>
    public static Dataset Open(string? dataDir, string outDir, RunConfig config, RunConsole console)
    {
        string folder = dataDir ?? DemoCorpusCache.Ensure(CacheRoot(outDir), config.Corpus, console);
        var manifest = Manifest.Load(folder);
        if (manifest.Tracks.Count < 4)
            throw new Cli.UserInputException($"{manifest.CsvPath}: {manifest.Tracks.Count} track(s); clustering needs at least 4");
        var cache = new FeatureCache(Path.Combine(CacheRoot(outDir), "features"));
        return new Dataset(manifest, () => FeatureExtraction.Extract(manifest, config.Features, cache, console));
    }
}
