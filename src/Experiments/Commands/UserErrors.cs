using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Commands;

/// <summary>Runs a command body and turns bad input into one "error: ..." line and exit code 2.</summary>
/// <remarks>System.CommandLine's default exception handler would otherwise catch the exception first and print a stack trace.</remarks>
internal static class UserErrors
{
    public static int Run(Func<int> body)
    {
        try { return body(); }
        catch (UserInputException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
        catch (ArgumentException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
    }
}
