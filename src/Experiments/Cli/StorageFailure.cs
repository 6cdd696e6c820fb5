namespace MusicCluster.Experiments.Cli;

/// <summary>Recognises the I/O failures that are the machine's state, not a bug: a full disk, a read-only or forbidden folder.</summary>
public static class StorageFailure
{
    // errno values on Linux (and macOS for the first three); Windows reports HRESULTs of its own error codes.
    private const int Enospc = 28, Erofs = 30, Edquot = 122, MacEdquot = 69;
    private const int WinDiskFull = unchecked((int)0x80070070), WinHandleDiskFull = unchecked((int)0x80070027), WinWriteProtect = unchecked((int)0x80070013);

    /// <summary>True when <paramref name="e"/> is an out-of-space error (ENOSPC, EDQUOT, ERROR_DISK_FULL).</summary>
    public static bool IsDiskFull(Exception e) => e is IOException && e.HResult is Enospc or Edquot or MacEdquot or WinDiskFull or WinHandleDiskFull;

    /// <summary>True when <paramref name="e"/> says the path cannot be written (read-only filesystem, permissions).</summary>
    public static bool IsNotWritable(Exception e) => e is UnauthorizedAccessException || (e is IOException && e.HResult is Erofs or WinWriteProtect);

    /// <summary>A one-line explanation for a storage failure, or null when <paramref name="e"/> is something else.</summary>
    public static string? Describe(Exception e)
    {
        const string kept = "finished stages and earlier results are kept; run the same command again to resume";
        if (IsDiskFull(e)) return $"the disk is full ({OneLine(e.Message)}); free some space: {kept}";
        if (IsNotWritable(e)) return $"cannot write ({OneLine(e.Message)}); check the folder's permissions or choose another --out: {kept}";
        return null;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
