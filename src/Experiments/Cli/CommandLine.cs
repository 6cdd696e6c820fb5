using System.CommandLine;

namespace MusicCluster.Experiments.Cli;

/// <summary>Parses and runs a command line with the one error policy of the CLI: user errors are one line and exit 2, bugs exit 1 with a crash log.</summary>
public static class CommandLine
{
    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/> (default: the full command tree) and returns the exit code.</summary>
    public static int Execute(string[] args, RootCommand? root = null)
    {
        try
        {
            var parse = (root ?? Program.BuildRootCommand()).Parse(args);
            if (parse.Errors.Count > 0)
            {
                // System.CommandLine would print every error and the whole help, exit 1; a typo deserves one line and a pointer.
                foreach (string line in ParseErrorLine.Format(parse)) Console.Error.WriteLine(line);
                return 2;
            }
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return TopLevelError.Report(e, args);
        }
    }
}
