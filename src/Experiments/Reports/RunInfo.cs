using System.Reflection;
using System.Runtime.InteropServices;

namespace MusicCluster.Experiments.Reports;

/// <summary>Software versions recorded in run.json.</summary>
public sealed record VersionInfo(string MusicCluster, string Runtime, string Os, string ScottPlot, string SpectreConsole)
{
    /// <summary>Versions of this process.</summary>
    public static VersionInfo Current() => new(
        Informational(typeof(VersionInfo).Assembly), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
        Informational(typeof(ScottPlot.Plot).Assembly), Informational(typeof(Spectre.Console.AnsiConsole).Assembly));

    private static string Informational(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "unknown";
}

/// <summary>The machine a run used, recorded in run.json.</summary>
public sealed record MachineInfo(string Host, string Cpu, int LogicalCores, double MemoryGiB, string Architecture)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(
        Environment.MachineName, CpuModel(), Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        RuntimeInformation.ProcessArchitecture.ToString());

    /// <summary>"model name, family F model M, widest SIMD the runtime uses", from /proc/cpuinfo where it exists.</summary>
    /// <remarks>Benchmark results carry this line: a result is only comparable with one taken on the same CPU.</remarks>
    public static string CpuModel()
    {
        string name = "unknown", family = "?", model = "?";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.Length == 0) break; // the first processor's block is enough
                    string value = line[(line.IndexOf(':') + 1)..].Trim();
                    if (line.StartsWith("model name", StringComparison.Ordinal)) name = value;
                    else if (line.StartsWith("cpu family", StringComparison.Ordinal)) family = value;
                    else if (line.StartsWith("model", StringComparison.Ordinal) && line[5] is ' ' or '\t') model = value;
                }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        string simd = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512"
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "AVX2" : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "128-bit SIMD" : "no SIMD";
        return $"{name}, family {family} model {model}, {simd}";
    }
}

/// <summary>One stage's timing; <c>Reused</c> marks a stage loaded from an interrupted earlier run (its seconds are from that run).</summary>
public sealed record StageTiming(string Name, double Seconds, bool Reused);

/// <summary>Contents of run.json: what was run, with what, where, and how long each stage took.</summary>
/// <remarks><c>BuiltFromLabels</c> (representations built from a label set) is kept so that an up-to-date re-run picks the same best rows.</remarks>
public sealed record RunInfo(
    string Task, string Command, DateTime StartedUtc, DateTime FinishedUtc, double TotalSeconds,
    object Config, string ConfigHash, int[] Seeds, string Data, int Tracks, string DeviceRequested, string DeviceUsed,
    VersionInfo Versions, MachineInfo Machine, List<StageTiming> Stages, List<string> Notes,
    Dictionary<string, string[]>? BuiltFromLabels = null);
