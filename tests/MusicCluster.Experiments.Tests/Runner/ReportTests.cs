using MusicCluster.Experiments.Reports;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class ReportTests
{
    private static MetricRow Row(string rep, string alg, int seed, double ari, double sil) =>
        new(rep, alg, seed, 3, 0, new() { ["silhouette"] = sil, ["ari_genre"] = ari, ["nmi_genre"] = ari + 0.05 });

    [Fact]
    public void Mean_and_sample_std_over_seeds()
    {
        var m = MeanStd.Of([0.2, 0.4, 0.6]);
        Assert.Equal(0.4, m.Mean, 12);
        Assert.Equal(0.2, m.Std, 12);
        Assert.Equal("0.400 ± 0.200", m.Format());
        Assert.Equal("0.500", MeanStd.Of([0.5]).Format());
        Assert.Equal("—", MeanStd.Of([double.NaN]).Format());
        Assert.Equal("412.3 ± 1.4", MeanStd.Of([411.3, 413.3]).Format());
    }

    [Fact]
    public void Metrics_csv_has_one_row_per_run_and_empty_cells_for_missing_metrics()
    {
        string path = Path.Combine(Path.GetTempPath(), $"metrics-{Guid.NewGuid():N}.csv");
        var rows = new List<MetricRow>
        {
            Row("vae", "kmeans", 1, 0.5, 0.3),
            new("lyrics", "dbscan", 1, 1, 4, new() { ["ari_genre"] = 0.1, ["purity_genre"] = 0.4 }),
        };
        MetricsCsv.Write(path, "easy", rows);
        var lines = File.ReadAllLines(path);
        Assert.Equal("task,representation,algorithm,seed,clusters,noise_points,silhouette,ari_genre,nmi_genre,purity_genre", lines[0]);
        Assert.Equal("easy,vae,kmeans,1,3,0,0.3,0.5,0.55,", lines[1]);
        Assert.Equal("easy,lyrics,dbscan,1,1,4,,0.1,,0.4", lines[2]);
        File.Delete(path);
    }

    [Fact]
    public void Summary_picks_the_best_algorithm_per_representation_and_names_the_best_alignment()
    {
        var report = new TaskReport
        {
            Task = "hard", Title = "Hard", Description = "d", Tracks = 10, Seeds = [1, 2],
            PrimaryMetric = "ari_genre", LabelSets = ["genre"],
            Rows = [Row("vae", "kmeans", 1, 0.5, 0.3), Row("vae", "kmeans", 2, 0.7, 0.3), Row("vae", "ward", 1, 0.2, 0.5), Row("vae", "ward", 2, 0.2, 0.5),
                    Row("pca", "kmeans", 1, 0.1, 0.6), Row("pca", "kmeans", 2, 0.1, 0.6)],
            Figures = [new Figure("t-SNE", "figures/tsne.png")],
            Notes = ["no lyrics"],
        };
        string md = SummaryWriter.Render(report);
        Assert.Contains("| vae | kmeans | 3.0 ± 0.0 | 0.300 ± 0.000 | 0.600 ± 0.141 | 0.650 ± 0.141 |", md);
        Assert.Contains("aligns best with **genre** is *vae* (kmeans", md);
        Assert.Contains("by silhouette is *pca* with kmeans", md);
        Assert.Contains("> **Note.** no lyrics", md);
        Assert.Contains("![t-SNE](figures/tsne.png)", md);
        Assert.Contains("![t-SNE](results_hard/figures/tsne.png)", SummaryWriter.Render(report, "results_hard/", 2));
        var chance = new TaskReport { LabelSets = ["genre"], Rows = [Row("vae", "kmeans", 1, 0.0, 0.3)] };
        chance.Rows[0].Metrics["nmi_genre"] = 0.02;
        Assert.Contains("No representation aligns with **genre**: the highest NMI is 0.020", SummaryWriter.Render(chance));
    }

    [Fact]
    public void Representations_mix_weighs_the_blocks_by_alpha()
    {
        var audio = new FeatureMatrix([1, 2, 3, 4, 5, 6], 3, 2);
        var lyrics = new FeatureMatrix([1, 0, 0, 1, 1, 1], 3, 2);
        var onlyAudio = Representations.Mix(audio, lyrics, 1.0);
        Assert.Equal(4, onlyAudio.Cols);
        for (int i = 0; i < 3; i++) Assert.Equal([0f, 0f], onlyAudio.Row(i)[2..].ToArray());
        var onlyLyrics = Representations.Mix(audio, lyrics, 0.0);
        for (int i = 0; i < 3; i++) Assert.Equal([0f, 0f], onlyLyrics.Row(i)[..2].ToArray());
        var mean = Representations.MeanPerTrack([1, 2, 3, 4, 10, 20], 2, [0, 0, 1], 2);
        Assert.Equal([2f, 3f, 10f, 20f], mean.Data);
    }
}
