using CsCheck;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Mutated valid inputs of every reader (fixed seed, bounded count) and the regression corpus of inputs that once failed.</summary>
/// <remarks>Set <c>FUZZ_N</c> for a longer run (cases per reader; default <see cref="DefaultCases"/>); failing inputs are saved under the
/// temp folder's <c>musiccluster-fuzz-failures/</c> for adding to <c>fuzz-corpus/READER/</c> once fixed.</remarks>
public sealed class ReaderFuzzTests
{
    /// <summary>Cases per reader in CI.</summary>
    public const int DefaultCases = 300;

    public static TheoryData<string> Targets() => new(Readers.All.Select(t => t.Name));

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_N"), out int n) && n > 0 ? n : DefaultCases;

    private static FuzzTarget Target(string name) => Readers.All.Single(t => t.Name == name);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_input_reads_without_error(string name)
    {
        var target = Target(name);
        using var dir = new CaseFolder(target);
        foreach (var seed in target.Seeds())
        {
            string path = Path.Combine(dir.Path, target.FileName);
            File.WriteAllBytes(path, seed);
            target.Read(path); // a seed that does not read would make every mutation test nothing
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_inputs_read_or_fail_with_our_error_naming_the_file(string name)
    {
        var target = Target(name);
        var seeds = target.Seeds();
        var gen = Gen.Select(Gen.Int[0, seeds.Count - 1], target.Mutations);
        var pcg = new PCG(1, StableSeed(name));
        using var dir = new CaseFolder(target);
        var failures = new List<string>();
        for (int i = 0; i < Cases && failures.Count < 5; i++)
        {
            var (s, mutation) = gen.Generate(pcg, null, out _);
            byte[] input = mutation.Apply(seeds[s]);
            if (FuzzHarness.Check(target, dir.Path, input) is { } problem)
                failures.Add($"case {i} (seed input {s}, {mutation}) saved as {Save(name, i, input)}: {problem}");
        }
        Assert.True(failures.Count == 0, $"{name}: {failures.Count} failing input(s):\n" + string.Join("\n\n", failures));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Inputs_that_once_failed_now_read_or_fail_with_our_error(string name)
    {
        var target = Target(name);
        string corpus = Path.Combine(AppContext.BaseDirectory, "fuzz-corpus", name);
        if (!Directory.Exists(corpus)) return; // no reader-specific regression inputs yet: nothing to replay
        using var dir = new CaseFolder(target);
        var failures = new List<string>();
        foreach (string file in Directory.GetFiles(corpus).Order(StringComparer.Ordinal))
            if (FuzzHarness.Check(target, dir.Path, File.ReadAllBytes(file)) is { } problem)
                failures.Add($"{Path.GetFileName(file)}: {problem}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void The_regression_corpus_holds_only_folders_of_registered_readers()
    {
        string corpus = Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");
        Assert.True(Directory.Exists(corpus), "fuzz-corpus/ is not copied next to the tests");
        foreach (string folder in Directory.GetDirectories(corpus))
            Assert.Contains(Path.GetFileName(folder), Readers.All.Select(t => t.Name));
    }

    // FNV-1a: the same seed on every machine and run (string.GetHashCode is randomised per process).
    private static ulong StableSeed(string name)
    {
        ulong h = 14695981039346656037;
        foreach (char c in name) h = (h ^ c) * 1099511628211;
        return h;
    }

    private static string Save(string name, int index, byte[] input)
    {
        string folder = Path.Combine(Path.GetTempPath(), "musiccluster-fuzz-failures", name);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"case-{index:D5}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..12]}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }

    /// <summary>A scratch folder prepared for one target, deleted afterwards.</summary>
    private sealed class CaseFolder : IDisposable
    {
        public CaseFolder(FuzzTarget target)
        {
            Path = Directory.CreateTempSubdirectory($"mc-fuzz-{target.Name}-").FullName;
            target.Prepare?.Invoke(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
