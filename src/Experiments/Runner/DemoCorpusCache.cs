using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>The built-in demo corpus, written once per (tracks, seconds, seed) under the output folder's cache and reused after.</summary>
public static class DemoCorpusCache
{
    /// <summary>The cached corpus folder for <paramref name="config"/>, writing it first (into a temporary folder, then renamed) when missing.</summary>
    public static string Ensure(string cacheRoot, DemoCorpusConfig config, RunConsole console)
    {
        string name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"demo-{config.Tracks}x{config.Seconds:0.##}s-seed{config.Seed}");
        string folder = Path.Combine(Path.GetFullPath(cacheRoot), name);
        if (File.Exists(Path.Combine(folder, Manifest.FileName))) return folder;
        Directory.CreateDirectory(cacheRoot);
        string tmp = Path.Combine(Path.GetFullPath(cacheRoot), $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        console.Line($"writing the demo corpus ({config.Tracks} tracks × {config.Seconds} s) to {folder}");
        try
        {
            DemoCorpus.Write(tmp, new CorpusOptions { Tracks = config.Tracks, Seconds = config.Seconds, Seed = (ulong)config.Seed });
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(tmp, folder);
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
        console.Line($"  demo corpus written in {clock.Elapsed.TotalSeconds:F1} s");
        return folder;
    }
}
