using System.Text.RegularExpressions;
using MusicCluster.Experiments.Reports;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

/// <summary>Which k and why, rows that may not be "best", stored results, and output that fits 80 columns.</summary>
[Collection("Console")]
public sealed class EverydayReportTests
{
    private static MetricRow Row(string rep, string alg, int clusters, double ari, double sil = 0.3, int noise = 0) =>
        new(rep, alg, 1, clusters, noise, new() { ["silhouette"] = sil, ["ari_genre"] = ari, ["nmi_genre"] = ari, ["ari_language"] = ari, ["nmi_language"] = ari });

    [Fact]
    public void A_clustering_with_fewer_than_two_clusters_is_never_a_best_row()
    {
        // DBSCAN's single cluster scores highest by every number here; it still must not be picked.
        var rows = new List<MetricRow> { Row("a", "kmeans", 3, 0.4), Row("a", "dbscan", 1, 0.9, 0.8), Row("b", "dbscan", 1, 0.95, 0.9) };
        var report = new TaskReport { Task = "hard", PrimaryMetric = "ari_genre", LabelSets = ["genre"], Rows = rows };
        var groups = SeedAggregate.Group(rows);
        var best = SummaryWriter.BestPerRepresentation(report, groups);
        Assert.Equal("kmeans", best.Rows.Single(r => r[0] == "a")[1]);
        Assert.StartsWith("none", best.Rows.Single(r => r[0] == "b")[1]);
        Assert.Contains("*a* (kmeans", SummaryWriter.Reading(report, groups));
        var note = TaskAnnotations.DegenerateDbscan(rows, 20, epsConfigured: false);
        Assert.NotNull(note);
        Assert.Contains("a (eps ?: 1 cluster, 0 noise)", note);
        Assert.Contains("never picked as a representation's best", note);
        Assert.DoesNotContain("+ dbscan", Render(SummaryTable.Build([new TaskOutcome("hard", "ran", 1, report, "/x")], 80), 80));
    }

    [Fact]
    public void K_is_configured_else_the_class_count_else_the_best_silhouette_and_the_label_caveat_explains_hard_vs_medium()
    {
        var languages = LabelSet.From("language", ["en", "bn", "en", "bn"])!;
        var genres = LabelSet.From("genre", ["rock", "jazz", "folk", "pop", "ambient"])!;
        List<KSweepPoint> NoSweep() => throw new InvalidOperationException("no sweep expected");

        var fixedK = KSelection.Choose(new ClusteringConfig { K = 7 }, genres, NoSweep);
        Assert.Equal((7, "k = 7, set with --k"), (fixedK.K, fixedK.Short));
        var byClasses = KSelection.Choose(new ClusteringConfig(), languages, NoSweep);
        Assert.Equal((2, "k = 2 = number of languages"), (byClasses.K, byClasses.Short));

        // Three separated blobs: the sweep must pick k = 3.
        var x = MusicCluster.Experiments.Data.MatrixFile.Read(new TempDir().Write("x.csv", Tests.Cli.CliRunner.BlobsCsv()));
        var points = KSelection.Sweep(new FeatureMatrix(x.Data, x.Rows, x.Columns), 2, 10, 3, 0);
        Assert.Equal(Enumerable.Range(2, 9), points.Select(p => p.K));
        var auto = KSelection.Choose(new ClusteringConfig(), null, () => points);
        Assert.Equal(3, auto.K);
        Assert.Equal("k = 3 by silhouette", auto.Short);
        Assert.Contains("no genre or language labels", auto.Reason);
        Assert.Contains("| 3 |", KSelection.Table(auto).Render().Split('\n').Single(l => l.Contains('✓')));
        Assert.True(KSelection.Choose(new ClusteringConfig { AutoK = true }, genres, () => points).Sweep is not null);

        // Hard clusters with k = number of genres (5); language has 2 classes.
        var hardK = KSelection.Choose(new ClusteringConfig(), genres, NoSweep);
        var caveat = KSelection.LabelCaveat(hardK, [languages, genres], "hard");
        Assert.NotNull(caveat);
        Assert.Contains("There are 2 languages but k = 5", caveat);
        Assert.Contains("read lower than Medium's", caveat);
        Assert.DoesNotContain("genres but", caveat);
        Assert.Null(KSelection.LabelCaveat(byClasses, [languages], "medium"));
    }

    [Fact]
    public void An_up_to_date_task_shows_its_stored_results()
    {
        using var dir = new TempDir();
        var rows = new List<MetricRow>
        {
            new("hybrid", "kmeans", 1, 3, 0, new() { ["ari_genre"] = 0.9, ["nmi_genre"] = 0.9 }),
            new("hybrid+genre", "kmeans", 1, 3, 0, new() { ["ari_genre"] = 1.0, ["nmi_genre"] = 1.0 }),
        };
        MetricsCsv.Write(dir.File("metrics.csv"), "hard", rows);
        File.WriteAllText(dir.File("run.json"), """{"task":"hard","builtFromLabels":{"genre":["hybrid+genre"]}}""");
        var stored = StoredReport.TryLoad(dir.Path, "hard");
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Rows.Count);
        string table = Render(SummaryTable.Build([new TaskOutcome("hard", "up to date", 0, stored, dir.Path)], 80), 80);
        Assert.Contains("hybrid", table);
        Assert.Contains("0.900 / 0.900", table);
        Assert.DoesNotContain("1.000 / 1.000", table);   // the label-built representation is still left out
        Assert.Null(StoredReport.TryLoad(dir.File("nothing"), "hard"));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(48)]
    public void The_final_table_fits_the_console_width_from_COLUMNS_without_breaking_words(int columns)
    {
        var rows = new List<MetricRow>
        {
            Row("hybrid-concat", "kmeans", 2, 0.93), Row("pca16-spectral", "ward", 6, 0.78, 0.9), Row("mix a=0.30", "kmeans", 2, 0.5, 0.6),
        };
        var outcomes = new[]
        {
            new TaskOutcome("easy", "ran", 2.4, new TaskReport { Rows = rows }, "/some/where/results_easy"),
            new TaskOutcome("medium", "resumed", 26.4, new TaskReport { Rows = rows }, "/some/where/results_medium"),
            new TaskOutcome("hard", "up to date", 0, new TaskReport { Rows = rows }, "/some/where/results_hard"),
        };
        string? before = Environment.GetEnvironmentVariable("COLUMNS");
        Environment.SetEnvironmentVariable("COLUMNS", columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var w = new StringWriter();
            var console = new RunConsole(w, interactive: false);
            Assert.Equal(columns, console.Width);
            console.Ansi.Write(SummaryTable.Build(outcomes, console.Width));
            string text = w.ToString();
            Assert.All(text.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= columns, $"{l.Length} > {columns}: {l}"));
            // Lines may break between words, never inside one.
            var words = text.Split([' ', '\n', '\r', '│', '┃', '|'], StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in new[] { "hybrid-concat", "pca16-spectral", "0.930", "0.900", "resumed", "26.4", "kmeans", "ward" })
                Assert.Contains(word, words);
        }
        finally { Environment.SetEnvironmentVariable("COLUMNS", before); }
    }

    [Fact]
    public void Progress_bars_fit_80_columns()
    {
        string? before = Environment.GetEnvironmentVariable("COLUMNS");
        Environment.SetEnvironmentVariable("COLUMNS", "80");
        try
        {
            var w = new StringWriter();
            var console = new RunConsole(w, interactive: true);
            console.Progress("train [hard] Beta-VAE (β = 0.1) seed 42 with a long description", 10, 0, tick =>
            {
                for (int i = 1; i <= 10; i++) tick(i, $"epoch {i}/10 loss 123.456 kl 45.6");
            });
            // Strip ANSI control sequences; every drawn line must fit.
            string plain = Regex.Replace(w.ToString(), @"\x1B\[[0-9;?]*[A-Za-z]|\x1B\][^\x07]*\x07", "");
            var lines = plain.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            // Too wide a row makes Spectre fold it, and "100%" comes out as "10" on one line and "0%" on the next.
            Assert.Contains(lines, l => l.Contains("100%", StringComparison.Ordinal));
            Assert.All(lines.Where(l => l.Contains('%')), l => Assert.StartsWith("train [hard]", l.TrimStart()));
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length}: {l}"));
        }
        finally { Environment.SetEnvironmentVariable("COLUMNS", before); }
    }

    private static string Render(Spectre.Console.Rendering.IRenderable r, int width)
    {
        var w = new StringWriter();
        var c = new RunConsole(w, interactive: false);
        c.Ansi.Profile.Width = width;
        c.Ansi.Write(r);
        return w.ToString();
    }
}
