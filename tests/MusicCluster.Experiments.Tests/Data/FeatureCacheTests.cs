using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Data;

public class FeatureCacheTests
{
    private static float[] Values(float seed) => [seed, seed * 2, -seed, float.Epsilon, 1e30f];

    [Fact]
    public void MissThenHitReturnsTheSameValuesWithoutComputing()
    {
        using var t = new TempDir();
        string audio = t.Write("a.wav", "audio bytes");
        var cache = new FeatureCache(Path.Combine(t.Path, "cache"));
        int calls = 0;
        var first = cache.GetOrCompute(audio, "logmel sr=22050 n_mels=64", () => { calls++; return Values(1.5f); });
        var again = new FeatureCache(Path.Combine(t.Path, "cache")).GetOrCompute(audio, "logmel sr=22050 n_mels=64", () => { calls++; return Values(9f); });
        Assert.Equal(1, calls);
        Assert.Equal(Values(1.5f), first);
        Assert.Equal(first, again);
        Assert.Equal((0L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void ChangedSettingOrChangedFileRecomputes()
    {
        using var t = new TempDir();
        string audio = t.Write("a.wav", "version 1");
        var cache = new FeatureCache(Path.Combine(t.Path, "cache"));
        cache.GetOrCompute(audio, "n_mels=64", () => Values(1));
        Assert.Equal(Values(2), cache.GetOrCompute(audio, "n_mels=128", () => Values(2)));
        Assert.Equal(Values(1), cache.GetOrCompute(audio, "n_mels=64", () => Values(99)));
        File.WriteAllText(audio, "version 2, longer"); // new content: a new key
        Assert.Equal(Values(3), cache.GetOrCompute(audio, "n_mels=64", () => Values(3)));
        Assert.Equal((1L, 3L, 0L), (cache.Hits, cache.Misses, cache.Rejected));
        string copy = t.Write("copy.wav", "version 2, longer"); // same bytes under another name share the entry
        Assert.Equal(Values(3), cache.GetOrCompute(copy, "n_mels=64", () => Values(4)));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void CorruptEntriesAreRejectedAndRewritten(string damage)
    {
        using var t = new TempDir();
        string audio = t.Write("a.wav", "abc");
        string folder = Path.Combine(t.Path, "cache");
        var cache = new FeatureCache(folder);
        cache.GetOrCompute(audio, "k", () => Values(1));
        string entry = Directory.GetFiles(folder, "*.feat", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, damage switch
        {
            "flip" => [.. bytes[..^40], (byte)(bytes[^40] ^ 1), .. bytes[^39..]],
            "truncate" => bytes[..^5],
            "garbage" => [.. new byte[bytes.Length]],
            _ => [],
        });
        Assert.Equal(Values(2), cache.GetOrCompute(audio, "k", () => Values(2)));
        Assert.Equal(1, cache.Rejected);
        Assert.Equal(Values(2), cache.GetOrCompute(audio, "k", () => Values(3))); // the rewrite is valid
    }

    [Fact]
    public void ParallelCallersGetConsistentResults()
    {
        using var t = new TempDir();
        var files = Enumerable.Range(0, 16).Select(i => t.Write($"f{i}.wav", $"track {i % 8}")).ToArray(); // pairs share content
        var cache = new FeatureCache(Path.Combine(t.Path, "cache"));
        var results = new float[files.Length][];
        Parallel.For(0, 64, k => results[k % 16] = cache.GetOrCompute(files[k % 16], "s", () => Values(k % 8)));
        for (int i = 0; i < files.Length; i++) Assert.Equal(Values(i % 8), results[i]);
        Assert.Equal(8, Directory.GetFiles(cache.Folder, "*.feat", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(cache.Folder, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(64, cache.Hits + cache.Misses);
    }
}
