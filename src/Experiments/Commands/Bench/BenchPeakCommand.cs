using System.CommandLine;
using System.Diagnostics;
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
