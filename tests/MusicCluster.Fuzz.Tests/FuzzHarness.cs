using MusicCluster.Experiments.Cli;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Reads one input through a <see cref="FuzzTarget"/> and judges the outcome: a value, or our error naming the file; nothing else.</summary>
/// <remarks>
/// The read runs on its own thread so that a hang is a failure after <see cref="Timeout"/> rather than a stuck test run, and so that
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> measures the reader alone: an allocation sized by an untrusted header shows up
/// as more than <see cref="AllocationCap"/> even when the machine has the memory.
/// </remarks>
public static class FuzzHarness
{
    /// <summary>The longest one read may take (generous: the CI machine is shared).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The most one read may allocate for an input of <paramref name="inputBytes"/> bytes: a fixed allowance plus a small multiple of the input.</summary>
    public static long AllocationCap(int inputBytes) => (48L << 20) + 64L * inputBytes;

    /// <summary>Null when <paramref name="input"/> is handled well, else what went wrong.</summary>
    public static string? Check(FuzzTarget target, string dir, byte[] input)
    {
        string path = Path.Combine(dir, target.FileName);
        File.WriteAllBytes(path, input);
        Exception? error = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try { target.Read(path); }
            catch (Exception e) { error = e; }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }) { IsBackground = true, Name = $"fuzz {target.Name}" };
        thread.Start();
        if (!thread.Join(Timeout)) return $"hang: no answer after {Timeout.TotalSeconds} s";
        if (allocated > AllocationCap(input.Length))
            return $"allocated {allocated >> 20} MiB for a {input.Length}-byte input (cap {AllocationCap(input.Length) >> 20} MiB){(error is null ? "" : $", then {error.GetType().Name}: {error.Message}")}";
        if (error is null) return null;
        // Our user-input error, or the Models layer's InvalidDataException (which the CLI reports the same way), naming the file.
        if (error is UserInputException or InvalidDataException)
            return error.Message.Contains(path, StringComparison.Ordinal) || error.Message.Contains(target.FileName, StringComparison.Ordinal)
                ? null
                : $"the error does not name the file: {error.Message}";
        return $"{error.GetType().FullName}: {error.Message}\n{error.StackTrace}";
    }
}
