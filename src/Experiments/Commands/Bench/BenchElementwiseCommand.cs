using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench elementwise</c>: times one float32 element-wise op of the CPU backend and prints the median and GB/s.</summary>
/// <remarks>It times the backend call the tensor ops make (split over the cores above a size), into a preallocated
/// output, as the peers' <c>torch.add(x, y, out=z)</c> does.</remarks>
public sealed class BenchElementwiseCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var size = new Option<int>("--size") { Description = "elements", DefaultValueFactory = _ => 1 << 20 };
        var op = new Option<string>("--op") { Description = "add, mul or exp", DefaultValueFactory = _ => "add" };
        var repeat = new Option<int>("--repeat") { Description = "timed runs after warm-up", DefaultValueFactory = _ => 50 };
        var command = new Command("elementwise", "Time one float32 element-wise op of the CPU backend; prints one JSON line.");
        foreach (var o in new Option[] { size, op, repeat }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            Run(parse.GetValue(size), parse.GetValue(op) ?? "add", parse.GetValue(repeat));
        }));
        return command;
    }

    private static void Run(int size, string op, int repeat)
    {
        KernelTiming.RequirePositive("--size", size, 1 << 28);
        var backend = CpuBackend.Instance;
        Storage<float> x = backend.Upload<float>(KernelTiming.RandomFloats(size, 1)), y = backend.Upload<float>(KernelTiming.RandomFloats(size, 2));
        Storage<float> z = backend.AllocateUninitialized<float>(size);
        int[] shape = [size], strides = [1];
        (Action action, int arrays) = op switch
        {
            "add" => ((Action)(() => backend.Binary(BinaryOp.Add, x, 0, strides, y, 0, strides, shape, z)), 3),
            "mul" => (() => backend.Binary(BinaryOp.Mul, x, 0, strides, y, 0, strides, shape, z), 3),
            "exp" => (() => backend.Unary(UnaryOp.Exp, x, z, size, 0f, 0f), 2),
            _ => throw new UserInputException($"--op must be add, mul or exp, got '{op}'."),
        };
        var times = KernelTiming.Measure(action, repeat);
        double median = KernelTiming.Median(times);
        KernelTiming.Print(new()
        {
            ["kernel"] = "elementwise", ["dtype"] = "float32", ["op"] = op, ["size"] = size, ["repeat"] = repeat, ["threads"] = Environment.ProcessorCount,
            ["median_ms"] = Math.Round(median, 6), ["min_ms"] = Math.Round(times[0], 6),
            ["gb_per_s"] = Math.Round((double)arrays * sizeof(float) * size / (median * 1e6), 2),
            ["gelements_per_s"] = Math.Round(size / (median * 1e6), 3),
        });
    }
}
