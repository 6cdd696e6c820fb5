using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Runner;

/// <summary>Prints bad user input as one "error: …" line with exit code 2 inside the command's action.</summary>
/// <remarks>System.CommandLine's default exception handler would otherwise print a stack trace before Program.Main sees the exception.</remarks>
public static class CommandGuard
{
    /// <summary>Runs <paramref name="action"/>; a <see cref="UserInputException"/> becomes "error: message" on stderr and exit code 2.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
