using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Cli;

[Collection("Console")]
public class ClusteringCommandTests
{
    [Theory]
    [InlineData("kmeans")]
    [InlineData("ward")]
    [InlineData("dbscan")]
    public void ClusterFindsTheThreeBlobs(string method)
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var output = dir.File("labels.csv");
        var (code, stdout, stderr) = CliRunner.Run("cluster", "--method", method, "--input", input, "--out", output, "--k", "3", "--eps", "2", "--min-samples", "3");
        Assert.True(code == 0, stderr);
        Assert.Contains($"method={method}", stdout);
        var labels = MatrixFile.ReadLabels(output);
        Assert.Equal(30, labels.Length);
        for (int b = 0; b < 3; b++)
        {
            Assert.Single(labels.Skip(10 * b).Take(10).Distinct());
            Assert.NotEqual(-1, labels[10 * b]);
        }
        Assert.Equal(3, labels.Distinct().Count());
    }

    [Fact]
    public void ClusterReadsNpy()
    {
        using var dir = new TempDir();
        var m = MatrixFile.Read(dir.Write("x.csv", CliRunner.BlobsCsv()));
        var npy = dir.File("x.npy");
        NpyFile.Write(npy, m.Data, m.Rows, m.Columns);
        var (code, _, stderr) = CliRunner.Run("cluster", "--input", npy, "--out", dir.File("l.csv"), "--k", "3");
        Assert.True(code == 0, stderr);
        Assert.Equal(3, MatrixFile.ReadLabels(dir.File("l.csv")).Distinct().Count());
    }

    [Theory]
    [InlineData("--k", "31", "--k 31 is larger than the number of rows (30)")]
    [InlineData("--eps", "0", "--eps must be positive")]
    [InlineData("--eps", "-1", "--eps must be positive")]
    public void BadArgumentsExitWithCode2AndAMessage(string option, string value, string message)
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        string method = option == "--k" ? "kmeans" : "dbscan";
        var (code, _, stderr) = CliRunner.Run("cluster", "--method", method, "--input", input, "--out", dir.File("l.csv"), option, value);
        Assert.Equal(2, code);
        Assert.Contains("error: ", stderr);
        Assert.Contains(message, stderr);
        Assert.False(File.Exists(dir.File("l.csv")));
    }

    [Fact]
    public void BadInputFileIsReportedWithItsLine()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", "1,2\n3,4,5\n");
        var (code, _, stderr) = CliRunner.Run("cluster", "--input", input, "--out", dir.File("l.csv"), "--k", "1");
        Assert.Equal(2, code);
        Assert.Contains("line 2 has 3 cells", stderr);
        var missing = CliRunner.Run("cluster", "--input", dir.File("nope.csv"), "--out", dir.File("l.csv"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("file not found", missing.Err);
    }

    [Theory]
    [InlineData("pca")]
    [InlineData("tsne")]
    public void EmbedWritesOneRowPerInputRow(string method)
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var output = dir.File("y.csv");
        var (code, stdout, stderr) = CliRunner.Run("embed", "--method", method, "--input", input, "--out", output, "--components", "2", "--perplexity", "5");
        Assert.True(code == 0, stderr);
        Assert.Contains($"method={method}", stdout);
        var y = MatrixFile.Read(output);
        Assert.Equal((30, 2), (y.Rows, y.Columns));
        Assert.Equal([$"{method}0", $"{method}1"], y.Header!);
        Assert.True(y.Data.All(float.IsFinite));
    }

    [Fact]
    public void EmbedRejectsTooLargeAPerplexity()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var (code, _, stderr) = CliRunner.Run("embed", "--input", input, "--out", dir.File("y.csv"), "--perplexity", "40");
        Assert.Equal(2, code);
        Assert.Contains("--perplexity must be in (0, 30)", stderr);
    }

    [Fact]
    public void ScorePrintsIntrinsicAndLabelMetricsAndWritesJson()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var labels = dir.Write("l.csv", "label\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => i == 29 ? -1 : i / 10)) + "\n");
        var truth = dir.Write("t.csv", string.Join("\n", Enumerable.Range(0, 30).Select(i => i / 10)) + "\n");
        var json = dir.File("s.json");
        var (code, stdout, stderr) = CliRunner.Run("score", "--input", input, "--labels", labels, "--truth", truth, "--json", json);
        Assert.True(code == 0, stderr);
        foreach (var name in new[] { "silhouette", "calinski_harabasz", "davies_bouldin", "adjusted_rand", "normalized_mutual_info", "adjusted_mutual_info", "homogeneity", "completeness", "v_measure", "purity" })
            Assert.Contains(name + ": ", stdout);
        Assert.Contains("1 noise rows", stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1.0, doc.RootElement.GetProperty("scores").GetProperty("purity").GetDouble());
        Assert.True(doc.RootElement.GetProperty("scores").GetProperty("silhouette").GetDouble() > 0.9);
    }

    [Fact]
    public void ScoreRejectsMismatchedLabelCount()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var labels = dir.Write("l.csv", "0\n1\n");
        var (code, _, stderr) = CliRunner.Run("score", "--input", input, "--labels", labels);
        Assert.Equal(2, code);
        Assert.Contains("has 2 labels but", stderr);
    }
}
