using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench peak</c>: the float32 FMA rate this machine reaches, on one core and on all of them.</summary>
/// <remarks>A register-only loop of independent fused multiply-adds (no memory traffic): the ceiling that GEMM and
/// convolution rates are read against. Results files record it beside the CPU, since machines change.</remarks>
public sealed class BenchPeakCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "length of one timed run", DefaultValueFactory = _ => 0.25 };
        var repeat = new Option<int>("--repeat") { Description = "timed runs; the fastest counts", DefaultValueFactory = _ => 5 };
        var command = new Command("peak", "Measure the float32 FMA peak (GFLOP/s) on one core and on all cores; prints one JSON line.");
        foreach (var o in new Option[] { seconds, repeat }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() => Run(parse.GetValue(seconds), parse.GetValue(repeat))));
        return command;
    }

    private static void Run(double seconds, int repeat)
    {
        if (!(seconds > 0 && seconds <= 10)) throw new UserInputException($"--seconds must be in (0, 10], got {seconds}.");
        KernelTiming.RequirePositive("--repeat", repeat, 100);
        bool wide = Vector512.IsHardwareAccelerated;
        int width = wide ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
        long flopsPerIteration = wide ? FmaLoop.Flops512 : FmaLoop.Flops256;
        // Calibrate the iteration count to the requested run length on one core.
        long iterations = 1 << 16;
        while (true)
        {
            double t = TimeOne(iterations, wide);
            if (t >= seconds / 4 || iterations > 1L << 40) { iterations = (long)(iterations * seconds / Math.Max(t, 1e-9)); break; }
            iterations *= 4;
        }
        double one = 0, all = 0;
        int cores = Environment.ProcessorCount;
        for (int r = 0; r < repeat; r++)
        {
            one = Math.Max(one, flopsPerIteration * iterations / TimeOne(iterations, wide) / 1e9);
            all = Math.Max(all, flopsPerIteration * iterations * cores / TimeAll(iterations, wide, cores) / 1e9);
        }
        KernelTiming.Print(new()
        {
            ["kernel"] = "peak", ["dtype"] = "float32", ["vector_bits"] = width, ["cores"] = cores,
            ["gflops_one_core"] = Math.Round(one, 1), ["gflops_all_cores"] = Math.Round(all, 1),
            ["cpu"] = MachineInfo.CpuModel(),
        });
    }

    private static double TimeOne(long iterations, bool wide)
    {
        long t0 = Stopwatch.GetTimestamp();
        FmaLoop.Sink += wide ? FmaLoop.Run512(iterations) : FmaLoop.Run256(iterations);
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private static double TimeAll(long iterations, bool wide, int cores)
    {
        var threads = new Thread[cores];
        using var start = new ManualResetEventSlim(false);
        var results = new float[cores];
        for (int i = 0; i < cores; i++)
        {
            int id = i;
            threads[i] = new Thread(() =>
            {
                start.Wait();
                results[id] = wide ? FmaLoop.Run512(iterations) : FmaLoop.Run256(iterations);
            }) { IsBackground = true };
            threads[i].Start();
        }
        long t0 = Stopwatch.GetTimestamp();
        start.Set();
        foreach (var t in threads) t.Join();
        double elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        foreach (float v in results) FmaLoop.Sink += v;
        return elapsed;
    }
}

/// <summary>Independent FMA chains, enough of them to cover the FMA latency on every current x86 core.</summary>
internal static class FmaLoop
{
    /// <summary>Keeps the loops' results alive so the JIT cannot drop them.</summary>
    internal static float Sink;

    internal const long Flops256 = 10 * 8 * 2;
    internal const long Flops512 = 20 * 16 * 2;

    // 10 accumulators + 2 constants fit the 16 ymm registers of AVX2 machines.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static float Run256(long iterations)
    {
        var m = Vector256.Create(0.9999999f);
        var c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c,
            a5 = a4 + c, a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }

    // 20 accumulators: AVX-512 has 32 zmm registers, and two FMA pipes of 4-cycle latency need at least 8 chains.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static float Run512(long iterations)
    {
        var m = Vector512.Create(0.9999999f);
        var c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0 + c, a2 = a1 + c, a3 = a2 + c, a4 = a3 + c,
            a5 = a4 + c, a6 = a5 + c, a7 = a6 + c, a8 = a7 + c, a9 = a8 + c;
        Vector512<float> b0 = a9 + c, b1 = b0 + c, b2 = b1 + c, b3 = b2 + c, b4 = b3 + c,
            b5 = b4 + c, b6 = b5 + c, b7 = b6 + c, b8 = b7 + c, b9 = b8 + c;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            b0 = Vector512.FusedMultiplyAdd(b0, m, c); b1 = Vector512.FusedMultiplyAdd(b1, m, c);
            b2 = Vector512.FusedMultiplyAdd(b2, m, c); b3 = Vector512.FusedMultiplyAdd(b3, m, c);
            b4 = Vector512.FusedMultiplyAdd(b4, m, c); b5 = Vector512.FusedMultiplyAdd(b5, m, c);
            b6 = Vector512.FusedMultiplyAdd(b6, m, c); b7 = Vector512.FusedMultiplyAdd(b7, m, c);
            b8 = Vector512.FusedMultiplyAdd(b8, m, c); b9 = Vector512.FusedMultiplyAdd(b9, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9);
    }
}
