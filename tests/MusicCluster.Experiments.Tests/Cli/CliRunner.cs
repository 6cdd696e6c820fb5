namespace MusicCluster.Experiments.Tests.Cli;

/// <summary>Runs the musiccluster command line in-process with Console output captured.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mc-cli-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, string text) { var p = File(name); System.IO.File.WriteAllText(p, text); return p; }
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}

internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o); Console.SetError(e);
        try { return (Program.BuildRootCommand().Parse(args).Invoke(), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    /// <summary>Three well separated 2-D blobs of 10 points each, with a header line.</summary>
    public static string BlobsCsv()
    {
        var sb = new System.Text.StringBuilder("a,b\n");
        var rng = new Random(1);
        double[][] centres = [[0, 0], [10, 10], [-10, 10]];
        foreach (var c in centres)
            for (int i = 0; i < 10; i++)
                sb.Append(FormattableString.Invariant($"{c[0] + rng.NextDouble() - 0.5},{c[1] + rng.NextDouble() - 0.5}\n"));
        return sb.ToString();
    }
}
