using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Reads of the state files whose location is fixed by the program (cache entries, ledgers): the fuzzed bytes are put where the reader looks.</summary>
public static class StateFiles
{
    /// <summary>Writes the audio file the cache seeds are keyed by.</summary>
    public static void PrepareCache(string dir) => File.WriteAllBytes(Path.Combine(dir, "audio.wav"), Seeds.CachedAudio);

    /// <summary>Installs <paramref name="path"/> as the cache entry of the seeds' audio and looks it up: a damaged entry must be a miss, never an exception.</summary>
    public static void ReadCacheEntry(string path)
    {
        string dir = Path.GetDirectoryName(path)!;
        string audio = Path.Combine(dir, "audio.wav");
        var cache = new FeatureCache(Path.Combine(dir, "cache"));
        // Store once to learn where the entry lives, then put the fuzzed bytes there.
        if (!Directory.Exists(cache.Folder)) cache.Store(audio, Seeds.CacheKey, [0f]);
        string entry = Directory.GetFiles(cache.Folder, "*.feat", SearchOption.AllDirectories).Single();
        File.Copy(path, entry, overwrite: true);
        cache.TryGet(audio, Seeds.CacheKey, out _);
    }

    /// <summary>Loads the ledger in the file's folder and reuses its stages: a damaged one must be ignored, never trusted or thrown.</summary>
    public static void ReadLedger(string path)
    {
        var ledger = StageLedger.TryLoad(Path.GetDirectoryName(path)!, _ => { });
        ledger?.Run("cluster-vae-seed42", () => new FeatureMatrix([0f], 1, 1));
    }

    /// <summary>Reads a stored training history.</summary>
    public static void ReadHistory(string path) => SealedJson.TryRead<TrainingHistory>(path, out _);
}
