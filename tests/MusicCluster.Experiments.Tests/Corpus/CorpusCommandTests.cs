using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Tests.Data;

namespace MusicCluster.Experiments.Tests.Corpus;

public class CorpusCommandTests
{
    [Fact]
    public void WritesACollectionTheManifestReaderLoads()
    {
        using var t = new TempDir();
        string dir = Path.Combine(t.Path, "demo");
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try { code = Program.BuildRootCommand().Parse(["corpus", "--out", dir, "--tracks", "6", "--seconds", "0.5", "--seed", "3"]).Invoke(); }
        finally { Console.SetOut(original); }
        Assert.Equal(0, code);
        Assert.Contains("wrote 6 tracks", output.ToString());
        Assert.Equal(6, Manifest.Load(dir).Tracks.Count);
    }

    [Theory]
    [InlineData("--tracks", "0", "--tracks must be between 1 and 100000")]
    [InlineData("--seconds", "-1", "--seconds must be between 0.5 and 600")]
    public void RejectsBadArgumentsWithAClearMessage(string option, string value, string message)
    {
        using var t = new TempDir();
        // Program.Main catches UserInputException (exit 2); the default handler of System.CommandLine must be off for it to arrive.
        var noHandler = new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false };
        var e = Assert.Throws<UserInputException>(() => Program.BuildRootCommand().Parse(["corpus", "--out", t.Path, option, value]).Invoke(noHandler));
        Assert.Contains(message, e.Message);
    }
}
