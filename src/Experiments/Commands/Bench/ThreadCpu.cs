using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary>CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux), so a stage timed on a busy
/// machine is not charged for the time other processes held the core; elsewhere it falls back to wall time.</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether <see cref="Milliseconds"/> is thread CPU time (false: wall time).</summary>
    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The calling thread's CPU time in milliseconds (or a wall clock where unavailable).</summary>
    public static double Milliseconds()
    {
        if (IsCpuTime && ClockGetTime(ClockThreadCpuTime, out var t) == 0) return t.Seconds * 1e3 + t.Nanoseconds * 1e-6;
        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    private static bool Probe()
    {
        try { return ClockGetTime(ClockThreadCpuTime, out _) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }
}
