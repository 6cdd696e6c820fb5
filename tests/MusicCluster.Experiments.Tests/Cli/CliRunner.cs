namespace MusicCluster.Experiments.Tests.Cli;

/// <summary>Runs the musiccluster command line in-process with Console output captured.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

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
