using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>Resolves a relative path inside a folder, following symbolic links, and refuses anything that lands outside.</summary>
public static class ContainedPath
{
    private const int MaxLinkHops = 40; // as Linux's ELOOP limit

    /// <summary>The real absolute path of <paramref name="relative"/> under <paramref name="root"/>, or null with a reason.</summary>
    /// <remarks>Rejects rooted paths, drive letters, and paths that leave the folder through "..", a symlink or both.
    /// Backslashes count as separators, so a manifest written on Windows reads the same.</remarks>
    public static string? Resolve(string root, string relative, out string? error)
    {
        error = null;
        string rel = relative.Replace('\\', '/');
        if (rel.Length == 0) { error = "the path is empty"; return null; }
        if (rel.Contains('\0')) { error = $"'{relative.Replace("\0", "\\0")}' contains a NUL character, which no file name can hold"; return null; }
        if (rel.StartsWith('/') || Path.IsPathRooted(rel) || (rel.Length >= 2 && rel[1] == ':'))
        {
            error = $"'{relative}' is an absolute path; paths must be relative to the manifest folder";
            return null;
        }
        string realRoot = RealPath(Path.GetFullPath(root));
        string real = RealPath(Path.GetFullPath(Path.Combine(realRoot, rel)));
        if (!IsInside(realRoot, real))
        {
            error = $"'{relative}' resolves to {real}, outside the manifest folder {realRoot}";
            return null;
        }
        return real;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> itself or below it (both real, absolute).</summary>
    public static bool IsInside(string folder, string path)
    {
        var cmp = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        string f = Path.TrimEndingDirectorySeparator(folder);
        return path.Equals(f, cmp) || path.StartsWith(f + Path.DirectorySeparatorChar, cmp);
    }

    /// <summary>The absolute path with every symbolic link in it resolved (like realpath(3)); missing tails are kept as written.</summary>
    public static string RealPath(string fullPath)
    {
        string root = Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Stack<string>();
        var parts = fullPath[root.Length..].Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        for (int i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
        string current = root;
        int hops = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? root; continue; }
            string next = Path.Combine(current, part);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null) { current = next; continue; }
            if (++hops > MaxLinkHops) throw new UserInputException($"{fullPath}: too many levels of symbolic links");
            string targetRoot = Path.GetPathRoot(target) ?? "";
            if (Path.IsPathRooted(target)) current = targetRoot.Length > 0 ? targetRoot : root;
            var targetParts = target[(Path.IsPathRooted(target) ? targetRoot.Length : 0)..].Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
            for (int i = targetParts.Length - 1; i >= 0; i--) pending.Push(targetParts[i]);
        }
        return current;
    }
}
