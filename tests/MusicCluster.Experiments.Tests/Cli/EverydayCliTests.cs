using System.Globalization;
using System.Text.RegularExpressions;
using MusicCluster.Clustering.Density;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Cli;

/// <summary>cluster --eps auto and its hint, score with string classes, and progress on standard error.</summary>
[Collection("Console")]
public class EverydayCliTests
{
    [Fact]
    public void Cluster_eps_auto_uses_the_knee_that_run_uses()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        var m = MatrixFile.Read(input);
        double knee = ClusterSuite.SuggestEps(new FeatureMatrix(m.Data, m.Rows, m.Columns), 4);
        Assert.Equal(knee, EpsSuggestion.FromKDistanceKnee(m.Data, m.Rows, m.Columns, 4));
        var (code, stdout, stderr) = CliRunner.Run("cluster", "--method", "dbscan", "--input", input, "--out", dir.File("l.csv"), "--eps", "auto", "--min-samples", "4");
        Assert.True(code == 0, stderr);
        Assert.Contains($"eps={knee.ToString("R", CultureInfo.InvariantCulture)} ", stdout);
        Assert.Equal(new Dbscan(knee, 4).FitPredict(m.Data, m.Rows, m.Columns), MatrixFile.ReadLabels(dir.File("l.csv")));
        Assert.DoesNotContain("hint:", stderr);
    }

    [Fact]
    public void Dbscan_that_finds_only_noise_prints_a_hint_with_the_suggested_eps_on_stderr()
    {
        using var dir = new TempDir();
        // The blobs scaled up 100×: sklearn's default eps = 0.5 leaves every point as noise.
        var rows = CliRunner.BlobsCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => string.Join(',', l.Split(',').Select(v => (100 * double.Parse(v, CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture))));
        var input = dir.Write("x.csv", "a,b\n" + string.Join('\n', rows) + "\n");
        var m = MatrixFile.Read(input);
        double knee = ClusterSuite.SuggestEps(new FeatureMatrix(m.Data, m.Rows, m.Columns), 5);
        var (code, stdout, stderr) = CliRunner.Run("cluster", "--method", "dbscan", "--input", input, "--out", dir.File("l.csv"));
        Assert.Equal(0, code);
        Assert.Contains("clusters=0 noise=30", stdout);
        Assert.Single(stdout.Trim().Split('\n'));   // stdout stays one result line; the hint is on stderr
        Assert.StartsWith("hint: DBSCAN with eps = 0.5 found 0 clusters and 30 of 30 points as noise", stderr);
        Assert.Contains($"suggests eps = {knee.ToString("G4", CultureInfo.InvariantCulture)} (--eps auto uses it)", stderr);
        // When the knee itself gives one cluster the hint says which way to move it.
        Assert.Contains("a smaller eps splits the cluster", DbscanHint.For(1, 0, 30, 2.0, 2.0));
        Assert.Null(DbscanHint.For(3, 2, 30, 2.0, 2.0));
    }

    [Fact]
    public void Score_truth_accepts_string_classes_and_scores_them_as_their_integer_codes()
    {
        using var dir = new TempDir();
        var input = dir.Write("x.csv", CliRunner.BlobsCsv());
        // Predicted: the blobs, with two points of blob 0 put in cluster 1.
        var labels = dir.Write("l.csv", "label\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => i < 2 ? 1 : i / 10)) + "\n");
        string[] names = ["synth", "rock, live", "জ্যাজ"];
        var strings = dir.Write("t.csv", "genre\n" + string.Join("\n", Enumerable.Range(0, 30).Select(i => names[i / 10].Contains(',') ? $"\"{names[i / 10]}\"" : names[i / 10])) + "\n");
        // The same classes as integers in ordinal order of their names (জ্যাজ, rock, synth → 2, 0, 1 after sorting).
        var order = names.Order(StringComparer.Ordinal).ToList();
        var ints = dir.Write("i.csv", string.Join("\n", Enumerable.Range(0, 30).Select(i => order.IndexOf(names[i / 10]))) + "\n");
        var (code, fromStrings, stderr) = CliRunner.Run("score", "--input", input, "--labels", labels, "--truth", strings);
        Assert.True(code == 0, stderr);
        var (code2, fromInts, _) = CliRunner.Run("score", "--input", input, "--labels", labels, "--truth", ints);
        Assert.Equal(0, code2);
        Assert.Equal(fromInts, fromStrings);
        Assert.Matches(@"adjusted_rand: 0\.\d+", fromStrings);

        var wrong = dir.Write("w.csv", "a\nb\n");
        (code, _, stderr) = CliRunner.Run("score", "--input", input, "--labels", labels, "--truth", wrong);
        Assert.Equal(2, code);
        Assert.Contains("has 2 labels but the matrix has 30 rows", stderr);
    }

    [Fact]
    public void Progress_goes_to_stderr_with_an_eta_one_line_per_quarter_when_redirected_and_fits_the_width()
    {
        var clock = TimeSpan.FromSeconds(2);
        var w = new StringWriter();
        var p = new StderrProgress("ward", w, inPlace: false, width: 80, clock: () => clock) { Delay = TimeSpan.FromSeconds(3) };
        p.Report(0);                         // within the delay: nothing shown
        Assert.Equal("", w.ToString());
        // 2 s of set-up, then 0.5 s per percent: the ETA follows the rate since the first report.
        for (int i = 1; i <= 100; i++) { clock = TimeSpan.FromSeconds(2 + i * 0.5); p.Report(i / 100.0); }
        p.Done();
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);   // 1 %, 25 %, 50 %, 75 %, 100 %
        Assert.Equal("ward:  25% · 0:14 elapsed · ETA 0:37", lines[1].TrimEnd('\r'));
        Assert.All(lines, l => Assert.True(l.Length <= 80));

        var tty = new StringWriter();
        var q = new StderrProgress("t-SNE", tty, inPlace: true, width: 30, clock: () => TimeSpan.FromHours(2)) { Delay = TimeSpan.Zero };
        q.Report(0.5);
        q.Done();
        Assert.StartsWith("\rt-SNE:  50% · 2:00:00 elapse", tty.ToString());
        Assert.True(tty.ToString().TrimEnd('\n', '\r').Length - 1 < 30);
    }

    [Fact]
    public void Ward_and_tsne_report_increasing_progress_up_to_one()
    {
        var m = MatrixFile.Read(new TempDir().Write("x.csv", CliRunner.BlobsCsv()));
        var ward = new List<double>();
        new MusicCluster.Clustering.Hierarchical.AgglomerativeClustering(3) { Progress = ward.Add }.Fit(m.Data, m.Rows, m.Columns);
        var tsne = new List<double>();
        new MusicCluster.Clustering.Manifold.Tsne(2, 5, MusicCluster.Clustering.Manifold.TsneMethod.Exact, maxIterations: 300) { Progress = tsne.Add }.Fit(m.Data, m.Rows, m.Columns);
        foreach (var seen in new[] { ward, tsne })
        {
            Assert.True(seen.Count > 2);
            Assert.Equal(1.0, seen[^1]);
            for (int i = 1; i < seen.Count; i++) Assert.True(seen[i] >= seen[i - 1]);
        }
    }
}
