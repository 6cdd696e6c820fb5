using System.Text.Json;

namespace MusicCluster.Experiments.Tests.Bench;

[Collection("Console")]
public class BenchKernelCommandsTests
{
    [Fact]
    public void GemmPrintsOneJsonLineWithTimingAndRate()
    {
        var json = RunJson("bench", "gemm", "--m", "7", "--n", "33", "--k", "5", "--repeat", "3", "--trans-b");
        Assert.Equal("gemm", json.GetProperty("kernel").GetString());
        Assert.Equal(7, json.GetProperty("m").GetInt32());
        Assert.Equal(33, json.GetProperty("n").GetInt32());
        Assert.Equal(5, json.GetProperty("k").GetInt32());
        Assert.True(json.GetProperty("trans_b").GetBoolean());
        Assert.False(json.GetProperty("trans_a").GetBoolean());
        AssertRate(json, "gflops", 2.0 * 7 * 33 * 5 / 1e6);
    }

    [Fact]
    public void GemmSizeSetsAllThreeDimensions()
    {
        var json = RunJson("bench", "gemm", "--size", "16", "--repeat", "1");
        Assert.Equal(16, json.GetProperty("m").GetInt32());
        Assert.Equal(16, json.GetProperty("k").GetInt32());
    }

    [Fact]
    public void Conv2dPrintsForwardBackwardTiming()
    {
        var json = RunJson("bench", "conv2d", "--batch", "2", "--channels-in", "3", "--channels-out", "4", "--size", "8", "--repeat", "2");
        Assert.Equal("conv2d", json.GetProperty("kernel").GetString());
        Assert.Equal("forward+backward", json.GetProperty("passes").GetString());
        Assert.Equal(4, json.GetProperty("kernel_size").GetInt32());
        Assert.Equal(2, json.GetProperty("stride").GetInt32());
        AssertRate(json, "gflops", 3.0 * 2 * 2 * 4 * 3 * 16 * 4 * 4 / 1e6);
    }

    [Fact]
    public void Conv2dTransposedUpsamples()
    {
        var json = RunJson("bench", "conv2d", "--batch", "2", "--channels-in", "4", "--channels-out", "3", "--size", "4", "--repeat", "2", "--transposed");
        Assert.Equal("conv_transpose2d", json.GetProperty("kernel").GetString());
        AssertRate(json, "gflops", 3.0 * 2 * 2 * 4 * 3 * 16 * 4 * 4 / 1e6);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("mul")]
    [InlineData("exp")]
    public void ElementwisePrintsBandwidth(string op)
    {
        var json = RunJson("bench", "elementwise", "--size", "1000", "--op", op, "--repeat", "3");
        Assert.Equal(op, json.GetProperty("op").GetString());
        Assert.Equal(1000, json.GetProperty("size").GetInt32());
        AssertRate(json, "gb_per_s", (op == "exp" ? 2 : 3) * 4 * 1000 / 1e6);
    }

    [Theory]
    [InlineData("bench", "elementwise", "--op", "tan")]
    [InlineData("bench", "gemm", "--m", "0")]
    [InlineData("bench", "conv2d", "--size", "2", "--kernel", "5", "--padding", "0")]
    public void BadArgumentsExitWithCodeTwoAndAMessage(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --", error);
    }

    // The rate must be the work divided by the median time (work in giga-units per millisecond), as printed to 2 decimals.
    private static void AssertRate(JsonElement json, string key, double work)
    {
        double median = json.GetProperty("median_ms").GetDouble();
        Assert.True(median > 0, $"median_ms = {median}");
        Assert.True(json.GetProperty("min_ms").GetDouble() <= median);
        Assert.Equal(work / median, json.GetProperty(key).GetDouble(), 0.02 + 1e-3 * work / median);
    }

    private static JsonElement RunJson(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        using var doc = JsonDocument.Parse(lines[0]);
        return doc.RootElement.Clone();
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = Program.BuildRootCommand().Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
