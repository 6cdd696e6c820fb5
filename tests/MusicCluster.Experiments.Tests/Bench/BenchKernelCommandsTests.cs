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
        Assert.True(json.GetProperty("median_ms").GetDouble() >= 0);
        Assert.True(json.GetProperty("gflops").GetDouble() > 0);
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
        Assert.True(json.GetProperty("median_ms").GetDouble() >= 0);
        Assert.True(json.GetProperty("gflops").GetDouble() > 0);
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
        Assert.True(json.GetProperty("gb_per_s").GetDouble() > 0);
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
