using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench conv2d</c>: times a float32 convolution's forward and both backward passes.</summary>
public sealed class BenchConv2dCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var batch = new Option<int>("--batch") { Description = "images per batch", DefaultValueFactory = _ => 32 };
        var cin = new Option<int>("--channels-in") { Description = "input channels", DefaultValueFactory = _ => 32 };
        var cout = new Option<int>("--channels-out") { Description = "output channels", DefaultValueFactory = _ => 64 };
        var size = new Option<int>("--size") { Description = "input height = width", DefaultValueFactory = _ => 32 };
        var kernel = new Option<int>("--kernel") { Description = "kernel height = width", DefaultValueFactory = _ => 4 };
        var stride = new Option<int>("--stride") { Description = "stride", DefaultValueFactory = _ => 2 };
        var padding = new Option<int>("--padding") { Description = "zero padding", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "timed runs after warm-up", DefaultValueFactory = _ => 10 };
        var transposed = new Option<bool>("--transposed") { Description = "time ConvTranspose2d (channels-in → channels-out, upsampling) instead" };
        var command = new Command("conv2d", "Time conv2d (or conv-transpose-2d) forward + backward (input and weight) in float32; prints one JSON line.");
        foreach (var o in new Option[] { batch, cin, cout, size, kernel, stride, padding, repeat, transposed }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            Run(parse.GetValue(batch), parse.GetValue(cin), parse.GetValue(cout), parse.GetValue(size),
                parse.GetValue(kernel), parse.GetValue(stride), parse.GetValue(padding), parse.GetValue(repeat), parse.GetValue(transposed));
        }));
        return command;
    }

    private static void Run(int batch, int cin, int cout, int size, int kernel, int stride, int padding, int repeat, bool transposed)
    {
        KernelTiming.RequirePositive("--batch", batch, 4096);
        KernelTiming.RequirePositive("--channels-in", cin, 4096);
        KernelTiming.RequirePositive("--channels-out", cout, 4096);
        KernelTiming.RequirePositive("--size", size, 4096);
        KernelTiming.RequirePositive("--kernel", kernel, 64);
        KernelTiming.RequirePositive("--stride", stride, 64);
        if (padding < 0 || padding > kernel) throw new UserInputException($"--padding must be between 0 and --kernel ({kernel}), got {padding}.");
        var t = new ConvTranspose2dGeometry(batch, cin, size, size, cout, kernel, kernel, stride, stride, padding, padding);
        // A transposed convolution is the adjoint of the convolution from its output back to its input.
        var g = transposed ? t.AsConvolution : new Conv2dGeometry(batch, cin, size, size, cout, kernel, kernel, stride, stride, padding, padding);
        if (g.OutHeight < 1 || g.InHeight < 1)
            throw new UserInputException($"--kernel {kernel} does not fit a {size}×{size} input with padding {padding}.");
        long inLength = (long)batch * cin * size * size;
        long outLength = transposed ? (long)batch * cout * t.OutHeight * t.OutWidth : (long)batch * cout * g.OutHeight * g.OutWidth;
        const long maxElements = 1L << 27;
        if (inLength > maxElements || outLength > maxElements)
            throw new UserInputException($"conv2d: input ({inLength}) or output ({outLength}) would exceed {maxElements} elements.");

        float[] x = KernelTiming.RandomFloats((int)inLength, 1), w = KernelTiming.RandomFloats(cout * cin * kernel * kernel, 2);
        float[] bias = KernelTiming.RandomFloats(cout, 3), gy = KernelTiming.RandomFloats((int)outLength, 4);
        float[] y = new float[outLength], gx = new float[inLength], gw = new float[w.Length];
        var times = KernelTiming.Measure(transposed
            ? () =>
            {
                ConvTranspose2dKernels.Forward<float>(t, x, w, bias, y);
                ConvTranspose2dKernels.BackwardInput<float>(t, gy, w, gx);
                ConvTranspose2dKernels.BackwardWeight<float>(t, x, gy, gw);
            }
            : () =>
            {
                Conv2dKernels.Forward<float>(g, x, w, bias, y);
                Conv2dKernels.BackwardInput<float>(g, gy, w, gx);
                Conv2dKernels.BackwardWeight<float>(g, x, gy, gw);
            }, repeat);
        double median = KernelTiming.Median(times);
        // Three passes, each 2·N·Cout·Cin·k·k flops per pixel of the smaller (convolution-output) side.
        double flops = 3.0 * 2 * batch * cout * (double)cin * kernel * kernel * (transposed ? size * size : g.OutHeight * g.OutWidth);
        KernelTiming.Print(new()
        {
            ["kernel"] = transposed ? "conv_transpose2d" : "conv2d", ["dtype"] = "float32", ["passes"] = "forward+backward",
            ["batch"] = batch, ["channels_in"] = cin, ["channels_out"] = cout, ["size"] = size,
            ["kernel_size"] = kernel, ["stride"] = stride, ["padding"] = padding,
            ["repeat"] = repeat, ["threads"] = Environment.ProcessorCount,
            ["median_ms"] = Math.Round(median, 6), ["min_ms"] = Math.Round(times[0], 6),
            ["gflops"] = Math.Round(flops / (median * 1e6), 2),
        });
    }
}
