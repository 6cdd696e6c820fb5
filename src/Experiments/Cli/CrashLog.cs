using System.Text;

namespace MusicCluster.Experiments.Cli;

/// <summary>Writes the stack trace of an unexpected exception to a file the one-line error points to.</summary>
public static class CrashLog
{
    /// <summary>Environment variable naming the folder for crash logs (default: a <c>musiccluster-crashes</c> folder in the temp folder).</summary>
    public const string FolderVariable = "MUSICCLUSTER_CRASH_DIR";

    /// <summary>Writes the log and returns its path, or null when it cannot be written.</summary>
    public static string? Write(Exception e, IReadOnlyList<string> args)
    {
        try
        {
            string folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "musiccluster-crashes");
            Directory.CreateDirectory(folder);
            var now = DateTime.UtcNow;
            string path = Path.Combine(folder, $"crash-{now:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
            var text = new StringBuilder()
                .AppendLine($"musiccluster crash at {now:yyyy-MM-dd HH:mm:ss} UTC, pid {Environment.ProcessId}")
                .AppendLine($"version: {typeof(CrashLog).Assembly.GetName().Version}; runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; os: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}")
                .AppendLine($"command: musiccluster {string.Join(' ', args.Select(Quote))}")
                .AppendLine()
                .AppendLine(e.ToString());
            File.WriteAllText(path, text.ToString());
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Quote(string a) => a.Length > 0 && !a.Any(char.IsWhiteSpace) ? a : $"\"{a}\"";
}
