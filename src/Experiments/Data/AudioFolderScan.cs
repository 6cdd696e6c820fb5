using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>An audio file found by <see cref="AudioFolderScan"/>: its path relative to the scanned folder ('/' separated) and its real path.</summary>
public sealed record ScannedFile(string RelativePath, string FullPath);

/// <summary>What a folder scan found: the audio files in path order, and what it left out and why.</summary>
public sealed record AudioScanResult(string Root, IReadOnlyList<ScannedFile> Files, int Hidden, int NotAudio, IReadOnlyList<string> Refused)
{
    /// <summary>Audio files per extension (lower case, "(none)" for files without one), most frequent first.</summary>
    public IReadOnlyList<(string Extension, int Count)> CountsByExtension() => Files
        .GroupBy(f => Path.GetExtension(f.RelativePath) is { Length: > 0 } e ? e.ToLowerInvariant() : "(none)")
        .Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>One line for the console, e.g. "found 12 audio files (8 .mp3, 4 .flac); skipped 2 hidden, 3 not audio".</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"found {Files.Count} audio file{(Files.Count == 1 ? "" : "s")}");
        if (Files.Count > 0) sb.Append(" (").AppendJoin(", ", CountsByExtension().Select(p => $"{p.Count} {p.Extension}")).Append(')');
        var skipped = new List<string>();
        if (Hidden > 0) skipped.Add($"{Hidden} hidden");
        if (NotAudio > 0) skipped.Add($"{NotAudio} not audio");
        if (Refused.Count > 0) skipped.Add($"{Refused.Count} link{(Refused.Count == 1 ? "" : "s")} pointing outside the folder");
        if (skipped.Count > 0) sb.Append("; skipped ").AppendJoin(", ", skipped);
        return sb.ToString();
    }
}

/// <summary>Finds the audio files under a folder, in every sub-folder (Artist/Album trees), by their content.</summary>
/// <remarks>
/// A file is audio when its first bytes are a known container (<see cref="AudioMagic"/>), whatever its name; a file whose
/// extension says audio but whose content is not recognised is kept too, so that a broken track is reported by the decoder
/// instead of vanishing. Names starting with '.' (files and folders) are hidden and skipped; symbolic links are followed
/// only while they stay inside the folder, each real folder is visited once, and the result is sorted by relative path.
/// </remarks>
public static class AudioFolderScan
{
    /// <summary>Extensions that claim to be audio (a file with one is kept even when its content is not recognised).</summary>
    public static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { ".wav", ".wave", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".mp4", ".aac", ".aif", ".aiff", ".aifc", ".wma", ".ape", ".wv", ".caf", ".mka", ".webm", ".au" };

    /// <summary>Scans <paramref name="folder"/> recursively.</summary>
    public static AudioScanResult Scan(string folder)
    {
        if (!Directory.Exists(folder)) throw new UserInputException($"{folder}: no such folder");
        string root = ContainedPath.RealPath(Path.GetFullPath(folder));
        var files = new List<ScannedFile>();
        var refused = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { root };
        // Breadth first with sorted entries: a folder reachable twice (through a link) is listed under its shortest path.
        var pending = new Queue<(string Real, string Relative)>();
        pending.Enqueue((root, ""));
        int hidden = 0, notAudio = 0;
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            var (dir, relDir) = pending.Dequeue();
            var entries = new DirectoryInfo(dir).GetFileSystemInfos("*", options);
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var entry in entries)
            {
                string rel = relDir.Length == 0 ? entry.Name : relDir + "/" + entry.Name;
                if (entry.Name.StartsWith('.') || (!OperatingSystem.IsLinux() && entry.Attributes.HasFlag(FileAttributes.Hidden))) { hidden++; continue; }
                string real = entry.LinkTarget is null ? entry.FullName : ContainedPath.RealPath(entry.FullName);
                if (!ContainedPath.IsInside(root, real))
                {
                    refused.Add($"{rel} → {real}");
                    continue;
                }
                if (Directory.Exists(real))
                {
                    if (visited.Add(real)) pending.Enqueue((real, rel));
                    continue;
                }
                if (!File.Exists(real)) { notAudio++; continue; } // a dangling link or a device: nothing to decode
                if (IsAudio(real, rel)) files.Add(new ScannedFile(rel, real));
                else notAudio++;
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        // Two links to one file inside the folder are one track.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        files.RemoveAll(f => !seen.Add(f.FullPath));
        return new AudioScanResult(root, files, hidden, notAudio, refused);
    }

    private static bool IsAudio(string path, string relative)
    {
        try
        {
            if (AudioMagic.FormatOf(path) is not null) return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: keep it only if its name says audio, so that the decoder reports it.
        }
        return AudioExtensions.Contains(Path.GetExtension(relative));
    }
}
