namespace MusicCluster.Experiments.Cli;

/// <summary>Runs a command body and turns bad input into one "error: ..." line and exit code 2.</summary>
/// <remarks>System.CommandLine's default exception handler would otherwise catch the exception first and print a stack trace.</remarks>
public static class UserErrors
{
    /// <summary>Runs <paramref name="body"/>; bad input becomes "error: message" on stderr and exit code 2.</summary>
    public static int Run(Func<int> body)
    {
        try { return body(); }
        catch (UserInputException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
        catch (ArgumentException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }
    }

    /// <summary>Runs <paramref name="body"/> (exit code 0), with bad input reported as in <see cref="Run(Func{int})"/>.</summary>
    public static int Run(Action body) => Run(() => { body(); return 0; });
}
