using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Runner;

/// <summary>Checks before any work that the output folder can be written: a probe file is written, flushed and removed.</summary>
public static class OutputFolderCheck
{
    /// <summary>Bytes the probe writes: enough that a nearly full disk fails here rather than in the middle of a run.</summary>
    public const int ProbeBytes = 1 << 20;

    /// <summary>Below this much free space the run starts with a warning (the demo corpus, cache and checkpoints take about 100 MB).</summary>
    public const long LowSpaceBytes = 256L << 20;

    /// <summary>Throws a <see cref="UserInputException"/> when <paramref name="outDir"/> cannot be created or written; warns when space is low.</summary>
    public static void EnsureWritable(string outDir, Action<string> warn)
    {
        string dir = Path.GetFullPath(outDir);
        string probe = Path.Combine(dir, $".musiccluster.probe.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            using (var s = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.DeleteOnClose))
            {
                s.Write(new byte[ProbeBytes]);
                s.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (StorageFailure.IsDiskFull(e))
        {
            throw new UserInputException($"--out {outDir}: the disk is full ({e.Message}); free some space or choose another --out", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {outDir}: the folder cannot be written ({e.Message}); choose a writable --out", e);
        }
        finally
        {
            try { File.Delete(probe); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        long free = FreeBytes(dir);
        if (free >= 0 && free < LowSpaceBytes)
            warn($"--out {outDir}: only {free >> 20} MiB free on its disk; the run may stop with a full disk (finished stages are kept)");
    }

    private static long FreeBytes(string dir)
    {
        try { return new DriveInfo(dir).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return -1; }
    }
}
