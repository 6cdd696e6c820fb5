using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench gemm</c>: times one float32 GEMM and prints the median and GFLOP/s as JSON.</summary>
public sealed class BenchGemmCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var size = new Option<int>("--size") { Description = "m = n = k unless given separately", DefaultValueFactory = _ => 1024 };
        var m = new Option<int?>("--m") { Description = "rows of op(A) and C" };
        var n = new Option<int?>("--n") { Description = "columns of op(B) and C" };
        var k = new Option<int?>("--k") { Description = "inner dimension" };
        var repeat = new Option<int>("--repeat") { Description = "timed runs after warm-up", DefaultValueFactory = _ => 10 };
        var transA = new Option<bool>("--trans-a") { Description = "A is stored k×m and read transposed" };
        var transB = new Option<bool>("--trans-b") { Description = "B is stored n×k and read transposed" };
        var command = new Command("gemm", "Time C = op(A)·op(B) in float32; prints one JSON line.");
        foreach (var o in new Option[] { size, m, n, k, repeat, transA, transB }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            int s = parse.GetValue(size);
            Run(parse.GetValue(m) ?? s, parse.GetValue(n) ?? s, parse.GetValue(k) ?? s,
                parse.GetValue(transA), parse.GetValue(transB), parse.GetValue(repeat));
        }));
        return command;
    }

    private static void Run(int m, int n, int k, bool ta, bool tb, int repeat)
    {
        const long maxElements = 1L << 27;
        KernelTiming.RequirePositive("--m", m, 1 << 20);
        KernelTiming.RequirePositive("--n", n, 1 << 20);
        KernelTiming.RequirePositive("--k", k, 1 << 20);
        if ((long)m * k > maxElements || (long)k * n > maxElements || (long)m * n > maxElements)
            throw new UserInputException($"gemm {m}×{n}×{k}: a matrix would exceed {maxElements} elements.");
        float[] a = KernelTiming.RandomFloats(m * k, 1), b = KernelTiming.RandomFloats(k * n, 2), c = new float[m * n];
        var times = KernelTiming.Measure(() => Gemm.Multiply<float>(ta, tb, m, n, k, a, ta ? m : k, b, tb ? k : n, c, n), repeat);
        double median = KernelTiming.Median(times);
        KernelTiming.Print(new()
        {
            ["kernel"] = "gemm", ["dtype"] = "float32", ["m"] = m, ["n"] = n, ["k"] = k, ["trans_a"] = ta, ["trans_b"] = tb,
            ["repeat"] = repeat, ["threads"] = Environment.ProcessorCount,
            ["median_ms"] = Math.Round(median, 6), ["min_ms"] = Math.Round(times[0], 6),
            ["gflops"] = Math.Round(2.0 * m * n * k / (median * 1e6), 2),
        });
    }
}
