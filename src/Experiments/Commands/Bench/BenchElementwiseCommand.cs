using System.CommandLine;
using System.Numerics.Tensors;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench elementwise</c>: times one float32 element-wise op and prints the median and GB/s.</summary>
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
        var command = new Command("elementwise", "Time one float32 element-wise op (TensorPrimitives); prints one JSON line.");
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
        float[] x = KernelTiming.RandomFloats(size, 1), y = KernelTiming.RandomFloats(size, 2), z = new float[size];
        (Action action, int arrays) = op switch
        {
            "add" => ((Action)(() => TensorPrimitives.Add(x, y, z)), 3),
            "mul" => (() => TensorPrimitives.Multiply(x, y, z), 3),
            "exp" => (() => TensorPrimitives.Exp(x, z), 2),
            _ => throw new UserInputException($"--op must be add, mul or exp, got '{op}'."),
        };
        var times = KernelTiming.Measure(action, repeat);
        double median = KernelTiming.Median(times);
        KernelTiming.Print(new()
        {
            ["kernel"] = "elementwise", ["dtype"] = "float32", ["op"] = op, ["size"] = size, ["repeat"] = repeat,
            ["median_ms"] = Math.Round(median, 6), ["min_ms"] = Math.Round(times[0], 6),
            ["gb_per_s"] = Math.Round((double)arrays * sizeof(float) * size / (median * 1e6), 2),
            ["gelements_per_s"] = Math.Round(size / (median * 1e6), 3),
        });
    }
}
