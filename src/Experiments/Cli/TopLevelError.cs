namespace MusicCluster.Experiments.Cli;

/// <summary>Turns an exception that reached <c>Main</c> into one line on stderr and an exit code.</summary>
/// <remarks>Bad input and a full or read-only disk are the user's to fix (exit 2); anything else is our bug (exit 1), with the stack trace in a crash log.</remarks>
public static class TopLevelError
{
    /// <summary>Prints the line for <paramref name="e"/> and returns the exit code.</summary>
    public static int Report(Exception e, IReadOnlyList<string> args)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } one) e = one.InnerException!;
        switch (e)
        {
            case UserInputException:
            case InvalidDataException: // a damaged or foreign file (checkpoints): the lower layers' word for bad input
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            case OperationCanceledException:
                Console.Error.WriteLine("interrupted");
                return 130;
        }
        if (StorageFailure.Describe(e) is { } storage)
        {
            Console.Error.WriteLine($"error: {storage}");
            return 2;
        }
        string? log = CrashLog.Write(e, args);
        string where = log is null ? "the crash log could not be written; stack trace follows" : $"stack trace in {log}";
        Console.Error.WriteLine($"error: internal error (a bug in musiccluster, not in your input): {e.GetType().Name}: {OneLine(e.Message)}; {where}; please report it");
        if (log is null) Console.Error.WriteLine(e);
        return 1;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
