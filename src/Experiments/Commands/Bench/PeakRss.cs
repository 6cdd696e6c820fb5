using System.Globalization;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary>The process's peak resident set size from /proc (Linux); resettable so each stage of a benchmark gets its own peak.</summary>
internal static class PeakRss
{
    /// <summary>Starts a new peak (writes 5 to /proc/self/clear_refs); false where the kernel does not allow it.</summary>
    public static bool Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>VmHWM in bytes (the peak since start or the last reset), or −1 without /proc.</summary>
    public static long Bytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return -1;
    }
}
