using System.Globalization;
using MusicCluster.Experiments.Plots;
using MusicCluster.Experiments.Reports;
using MusicCluster.Models.Networks;

namespace MusicCluster.Experiments.Runner;

/// <summary>Medium: conv VAE on log-mel patches, lyrics TF-IDF + SVD, hybrids by concatenation and by the α mix; K-Means, Ward and DBSCAN.</summary>
public static class MediumTask
{
    /// <summary>Runs every stage and returns the report content.</summary>
    public static TaskReport Run(TaskContext ctx)
    {
        var cfg = ctx.Config.Medium;
        var f = ctx.Timed("extract-features", () => ctx.Data.Features);
        var labels = ctx.Data.LabelSets;
        int k = ctx.K(ctx.Data.Language ?? ctx.Data.Genre);
        var algorithms = ClusterSuite.Algorithms;
        bool lyrics = ctx.Data.Lyrics is not null;
        if (!lyrics)
            ctx.Notes.Add("The manifest has no lyrics, so the lyrics embedding, both hybrids and the α sweep (table and figure) are skipped; only the audio representations are clustered.");
        var baseline = f.MeanLogMel;

        var runs = new List<ModelRun>();
        var clusters = new List<ClusterStageResult>();
        var sweep = new List<MetricRow>();
        FeatureMatrix? firstHybrid = null;
        foreach (int seed in ctx.Seeds)
        {
            var run = PatchModels.Train(ctx, "convvae", "Conv-VAE", seed,
                () => new ConvVae(PatchModels.Config(f, cfg.Channels, cfg.Latent), (ulong)seed), f, cfg);
            runs.Add(run);
            var audio = Representations.Standardise(run.Embedding);
            clusters.Add(TaskSteps.Cluster(ctx, "convvae", audio, seed, k, algorithms));
            clusters.Add(TaskSteps.Cluster(ctx, "mean-logmel", Representations.Standardise(baseline), seed, k, algorithms));
            if (!lyrics) continue;
            var text = ctx.Ledger.Run($"lyrics-seed{seed}", () => LyricsEmbedding.Compute(ctx.Data.Lyrics!, ctx.Config.Lyrics, seed));
            clusters.Add(TaskSteps.Cluster(ctx, "lyrics", text, seed, k, algorithms));
            var hybrid = Representations.Blocks([new("convvae", run.Embedding, ctx.Config.Blocks.Audio, false), new("lyrics", text, ctx.Config.Blocks.Lyrics, false)]);
            firstHybrid ??= hybrid;
            clusters.Add(TaskSteps.Cluster(ctx, "hybrid-concat", hybrid, seed, k, algorithms));
            foreach (double alpha in cfg.Alphas)
                sweep.AddRange(TaskSteps.Cluster(ctx, AlphaName(alpha), Representations.Mix(run.Embedding, text, alpha), seed, k, ["kmeans"]).Rows);
        }

        TaskFigures.Tsne(ctx, "convvae", "Conv-VAE latent means", Representations.Standardise(runs[0].Embedding), ctx.Seeds[0]);
        TaskSteps.ReconstructionFigure(ctx, "recon_convvae.png", "Conv-VAE", runs[0]);
        TaskSteps.LossFigure(ctx, "loss_convvae.png", "Conv-VAE", runs);
        foreach (var set in labels) TaskSteps.ContingencyFigure(ctx, clusters, set);
        TaskSteps.KDistanceFigure(ctx, lyrics ? "hybrid-concat" : "convvae", firstHybrid ?? Representations.Standardise(runs[0].Embedding));

        var report = new TaskReport
        {
            Task = "medium",
            Title = "Medium — Conv-VAE on log-mel patches, lyrics, and hybrids",
            Description = $"A convolutional VAE (1×{f.PatchHeight}×{f.PatchWidth}, channels {string.Join("-", cfg.Channels)}, latent {cfg.Latent}) is trained on " +
                $"{f.PatchCount} log-mel patches for {cfg.Epochs} epochs; a track's embedding is the mean μ of its patches. " +
                (lyrics ? $"Lyrics are embedded by TF-IDF ({ctx.Config.Lyrics.Analyzer} n-grams {ctx.Config.Lyrics.NGramRange.Min}–{ctx.Config.Lyrics.NGramRange.Max}) + truncated SVD ({ctx.Config.Lyrics.SvdComponents} dimensions at most) with unit-length rows, clustered as they are (scikit-learn's LSA). The hybrid concatenates the Conv-VAE and lyrics blocks, each scaled to unit total variance; the α mix weighs audio by α and lyrics by 1 − α. " : "") +
                $"K-Means and Ward use k = {k}; DBSCAN takes eps from the k-distance knee of each representation unless configured. Baseline: the mean log-mel vector.",
            Tracks = ctx.Data.Count,
            Seeds = ctx.Seeds,
            PrimaryMetric = ctx.Data.Language is not null ? "ari_language" : EasyTask.PrimaryMetric(ctx.Data),
            LabelSets = labels.Select(l => l.Name).ToArray(),
            Rows = clusters.SelectMany(c => c.Rows).Concat(sweep).ToList(),
        };
        TaskSteps.ReconstructionTable(report, [("Conv-VAE", runs)]);
        if (sweep.Count > 0) AlphaSweep(ctx, cfg.Alphas, sweep, report);
        return report;
    }

    /// <summary>"mix a=0.30".</summary>
    public static string AlphaName(double alpha) => string.Create(CultureInfo.InvariantCulture, $"mix a={alpha:F2}");

    private static void AlphaSweep(TaskContext ctx, double[] alphas, List<MetricRow> rows, TaskReport report)
    {
        var groups = SeedAggregate.Group(rows).ToDictionary(g => g.Representation);
        var metrics = new List<string>();
        foreach (var set in ctx.Data.LabelSets) metrics.AddRange([MetricNames.Label("ari", set.Name), MetricNames.Label("nmi", set.Name)]);
        metrics.Add(MetricNames.Silhouette);
        var table = new List<string[]>();
        foreach (double a in alphas)
        {
            var g = groups[AlphaName(a)];
            table.Add([a.ToString("F2", CultureInfo.InvariantCulture), .. metrics.Select(m => g.Metrics.TryGetValue(m, out var v) ? v.Format() : "—")]);
        }
        report.ExtraTables.Add(new MarkdownTable("α sweep (K-Means on the weighted mix; α = 1 is audio only, α = 0 lyrics only)", ["α", .. metrics], table));
        var curves = metrics.Select(m => (m,
            alphas.Select(a => groups[AlphaName(a)].Metrics.TryGetValue(m, out var v) ? v.Mean : double.NaN).ToArray(),
            alphas.Select(a => groups[AlphaName(a)].Metrics.TryGetValue(m, out var v) ? v.Std : 0).ToArray())).ToList();
        AlphaSweepPlot.Save(ctx.Figure("alpha_sweep.png", "α sweep: K-Means on α·audio + (1 − α)·lyrics, mean ± std over seeds"),
            "α sweep: K-Means on the weighted audio/lyrics mix", alphas, curves);
    }
}
