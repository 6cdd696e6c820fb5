using System.Text.Json;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Bench;

[Collection("Console")]
public class ClusteringBenchCommandTests
{
    [Fact]
    public void PcaSolverOptionPicksTheSolverAndReportsIt()
    {
        using var dir = new TempDir();
        string input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var full = Quality("--workload", "pca", "--input", input, "--components", "1", "--solver", "full");
        var randomized = Quality("--workload", "pca", "--input", input, "--components", "1", "--solver", "randomized", "--seed", "3");
        Assert.Equal(1, full.GetProperty("exact_solver").GetDouble());
        Assert.Equal(0, randomized.GetProperty("exact_solver").GetDouble());
        Assert.Equal(full.GetProperty("explained_variance_ratio_sum").GetDouble(), randomized.GetProperty("explained_variance_ratio_sum").GetDouble(), 1e-4);
    }

    [Fact]
    public void TsneWritesItsEmbeddingReproduciblyForASeed()
    {
        using var dir = new TempDir();
        var rng = new Random(5);
        var csv = new System.Text.StringBuilder();
        for (int i = 0; i < 100; i++) csv.Append(FormattableString.Invariant($"{rng.NextDouble()},{rng.NextDouble()},{i % 3 * 5 + rng.NextDouble()}\n"));
        string input = dir.Write("x.csv", csv.ToString()); // t-SNE's default perplexity 30 needs more than 30 points
        string a = dir.File("a.csv"), b = dir.File("b.csv");
        foreach (var path in new[] { a, b })
            Assert.Equal(0, CliRunner.Run("bench", "clustering", "--workload", "tsne", "--input", input, "--seed", "1", "--out", path).Code);
        var rows = File.ReadAllLines(a);
        Assert.Equal("y0,y1", rows[0]);
        Assert.Equal(101, rows.Length); // header + 100 points
        Assert.Equal(rows, File.ReadAllLines(b));
    }

    [Theory]
    [InlineData("--solver", "exact", "randomized")]
    [InlineData("--workload", "pcaa", "silhouette")]
    public void UnknownChoicesAreRejectedWithTheValidOnes(string option, string value, string named)
    {
        using var dir = new TempDir();
        string input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var args = new List<string> { "bench", "clustering", "--workload", "pca", "--input", input };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        var (code, output, err) = CliRunner.Run([.. args]);
        Assert.Equal(1, code); // a parse error: System.CommandLine lists the accepted values
        err += output;
        Assert.Contains(named, err);
        Assert.Contains(value, err);
    }

    private static JsonElement Quality(params string[] args)
    {
        var (code, output, err) = CliRunner.Run(["bench", "clustering", .. args]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("quality");
    }
}
