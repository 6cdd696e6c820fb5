using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary>Shared by the kernel benchmarks: warm-up, repeated timing, and the single JSON line they print.</summary>
internal static class KernelTiming
{
    /// <summary>Runs <paramref name="action"/> for warm-up (JIT tiering, buffers) and then <paramref name="repeat"/> timed times; returns sorted milliseconds.</summary>
    public static double[] Measure(Action action, int repeat)
    {
        if (repeat < 1) throw new UserInputException($"--repeat must be at least 1, got {repeat}.");
        var warm = Stopwatch.StartNew();
        // At least ten calls and one second (at most 200 calls), so tiered compilation and the thread pool have
        // settled: the steady state is what training and the peers' numbers measure. The peer scripts warm up alike.
        for (int i = 0; i < 10 || (warm.Elapsed.TotalMilliseconds < 1000 && i < 200); i++) action();
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    /// <summary>The median of sorted times.</summary>
    public static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON object on one line to standard output.</summary>
    public static void Print(Dictionary<string, object> fields) => Console.Out.WriteLine(JsonSerializer.Serialize(fields, s_json));

    /// <summary>Rejects a size that is not positive or that would need an unreasonable allocation.</summary>
    public static void RequirePositive(string option, long value, long max)
    {
        if (value < 1 || value > max) throw new UserInputException($"{option} must be between 1 and {max}, got {value}.");
    }

    /// <summary>Deterministic values in [−1, 1) for benchmark operands.</summary>
    public static float[] RandomFloats(int length, int seed)
    {
        var rng = new Random(seed);
        var x = GC.AllocateUninitializedArray<float>(length);
        for (int i = 0; i < length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
