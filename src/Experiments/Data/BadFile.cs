using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>An input file left out under <c>--skip-bad-files</c>: its name as the user gave it, its path, and why it could not be used.</summary>
public sealed record BadFile(string File, string FullPath, string Reason)
{
    /// <summary>From the error that decoding <paramref name="fullPath"/> raised; the path the message starts with is not repeated in the reason.</summary>
    public static BadFile From(string file, string fullPath, UserInputException error)
    {
        string reason = error.Message;
        foreach (string prefix in new[] { fullPath + ": ", file + ": " })
            if (reason.StartsWith(prefix, StringComparison.Ordinal)) { reason = reason[prefix.Length..]; break; }
        return new BadFile(file, fullPath, reason);
    }

    /// <summary>"file: reason".</summary>
    public override string ToString() => $"{File}: {Reason}";

    /// <summary>The hint appended to the error of the first bad file when files are not being skipped.</summary>
    public const string SkipHint = " (--skip-bad-files leaves unreadable files out and lists them)";
}
