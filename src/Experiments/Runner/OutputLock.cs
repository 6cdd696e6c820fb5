using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Runner;

/// <summary>Who holds an output folder: process id, host, start time and command line.</summary>
public sealed record LockOwner(int Pid, string Host, DateTime StartedUtc, string Command);

/// <summary>An exclusive lock on an output folder, so two runs never write the same folder at once.</summary>
/// <remarks>
/// The lock is the OS's: <c>OUT/.musiccluster.lock</c> opened with <see cref="FileShare.None"/> (flock on Unix, a sharing mode
/// on Windows), so of two processes racing exactly one wins and a killed holder's lock is released by the kernel. The holder's
/// pid, host and start time are in <c>OUT/.musiccluster.lock.json</c>, for the message the loser prints; a run that finds that
/// file without a live lock behind it (the previous holder was killed) takes the folder over with a notice. The empty lock
/// file itself stays: deleting it would let a third process lock a new file while a second still holds the old one.
/// </remarks>
public sealed class OutputLock : IDisposable
{
    /// <summary>The file that carries the OS lock.</summary>
    public const string LockFileName = ".musiccluster.lock";

    /// <summary>The holder's description, written after the lock is taken and removed when it is released.</summary>
    public const string OwnerFileName = ".musiccluster.lock.json";

    private readonly FileStream _handle;
    private readonly string _ownerPath;
    private bool _released;

    private OutputLock(FileStream handle, string ownerPath, LockOwner owner)
    {
        _handle = handle;
        _ownerPath = ownerPath;
        Owner = owner;
    }

    /// <summary>This process's entry.</summary>
    public LockOwner Owner { get; }

    /// <summary>Takes the lock on <paramref name="outDir"/> (creating it) for <paramref name="command"/>, or throws a <see cref="UserInputException"/>
    /// naming the holder; <paramref name="notice"/> receives the line that says a stale lock of a dead run was taken over.</summary>
    public static OutputLock Acquire(string outDir, string command, Action<string> notice)
    {
        string dir = Path.GetFullPath(outDir);
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {outDir}: cannot create the output folder ({e.Message})", e);
        }
        string lockPath = Path.Combine(dir, LockFileName), ownerPath = Path.Combine(dir, OwnerFileName);
        FileStream handle;
        try
        {
            handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new UserInputException(InUse(outDir, ownerPath), e);
        }
        catch (Exception e) when (StorageFailure.IsNotWritable(e) || StorageFailure.IsDiskFull(e))
        {
            throw new UserInputException($"--out {outDir}: cannot create the lock file ({e.Message}); choose a writable folder", e);
        }
        try
        {
            if (ReadOwner(ownerPath) is { } stale)
                notice($"{outDir} was locked by pid {stale.Pid} on {stale.Host} ({stale.Command}, since {stale.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC), " +
                    $"which {(IsRunning(stale) ? "no longer holds the lock" : "is no longer running")}; taking the lock over");
            var owner = new LockOwner(Environment.ProcessId, Environment.MachineName, DateTime.UtcNow, command);
            AtomicFile.WriteAllText(ownerPath, JsonSerializer.Serialize(owner, ConfigJson.Options));
            return new OutputLock(handle, ownerPath, owner);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The holder recorded in <paramref name="outDir"/>, or null when there is none or it cannot be read.</summary>
    public static LockOwner? CurrentOwner(string outDir) => ReadOwner(Path.Combine(Path.GetFullPath(outDir), OwnerFileName));

    /// <summary>Releases the lock and removes the holder's entry.</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try
        {
            if (ReadOwner(_ownerPath) is { } o && o.Pid == Owner.Pid && o.StartedUtc == Owner.StartedUtc) File.Delete(_ownerPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The entry stays behind; the next run sees no live lock and takes over with a notice.
        }
        finally { _handle.Dispose(); }
    }

    private static string InUse(string outDir, string ownerPath)
    {
        // The winner writes its entry just after it takes the lock: give it a moment rather than name a previous, dead holder.
        LockOwner? owner = null;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            owner = ReadOwner(ownerPath);
            if (owner is not null && IsRunning(owner)) break;
            Thread.Sleep(50);
        }
        return owner is null
            ? $"{outDir} is in use by another run (pid unknown); wait for it or choose another --out"
            : $"{outDir} is in use by `{owner.Command}` on {owner.Host} since {owner.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC (pid {owner.Pid}); wait for it or choose another --out";
    }

    private static LockOwner? ReadOwner(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            return JsonSerializer.Deserialize<LockOwner>(File.ReadAllText(path), ConfigJson.Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    // EWOULDBLOCK from flock on Unix, ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static bool IsRunning(LockOwner owner)
    {
        if (!string.Equals(owner.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return true; // cannot tell: assume it is
        try
        {
            using var p = Process.GetProcessById(owner.Pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
