using MusicCluster.Experiments.Reports;
using MusicCluster.Models.Networks;

namespace MusicCluster.Experiments.Runner;

/// <summary>Hard: Beta-VAE and autoencoder on log-mel patches against spectral, lyrics and hybrid representations; ARI, NMI and purity vs language and genre.</summary>
public static class HardTask
{
    /// <summary>Runs every stage and returns the report content.</summary>
    public static TaskReport Run(TaskContext ctx)
    {
        var cfg = ctx.Config.Hard;
        var f = ctx.Timed("extract-features", () => ctx.Data.Features);
        var labels = ctx.Data.LabelSets;
        int k = ctx.K(ctx.Data.Genre ?? ctx.Data.Language);
        var algorithms = ClusterSuite.Algorithms;
        bool lyrics = ctx.Data.Lyrics is not null;
        if (!lyrics)
            ctx.Notes.Add("The manifest has no lyrics, so the lyrics embedding, the hybrid and the hybrid + genre representations are skipped.");
        else if (ctx.Data.Genre is null)
            ctx.Notes.Add("The manifest has no genre column, so the hybrid + genre one-hot representation is skipped.");
        if (lyrics && ctx.Data.Genre is not null)
            ctx.Notes.Add("The hybrid + genre representation contains the genre labels themselves, so its genre scores are not a fair comparison; it shows how far metadata pulls the clustering.");
        var spectral = Representations.Standardise(f.Spectral);
        var descriptors = Representations.Descriptors(f, ctx.Config.Blocks);
        var weights = ctx.Config.Blocks;

        var betaRuns = new List<ModelRun>();
        var aeRuns = new List<ModelRun>();
        var clusters = new List<ClusterStageResult>();
        FeatureMatrix? hybridShown = null;
        foreach (int seed in ctx.Seeds)
        {
            var conv = PatchModels.Config(f, cfg.Channels, cfg.Latent);
            var beta = PatchModels.Train(ctx, "betavae", $"Beta-VAE (β = {cfg.Beta})", seed, () => new BetaVae(conv, cfg.Beta, (ulong)seed), f, cfg);
            var ae = PatchModels.Train(ctx, "autoencoder", "Autoencoder", seed, () => new Autoencoder(conv, (ulong)seed), f, cfg);
            betaRuns.Add(beta);
            aeRuns.Add(ae);
            var pca = ctx.Ledger.Run($"pca-seed{seed}", () => Representations.Pca(spectral, cfg.PcaComponents, seed));
            clusters.Add(TaskSteps.Cluster(ctx, $"pca{pca.Cols}-spectral", pca, seed, k, algorithms));
            clusters.Add(TaskSteps.Cluster(ctx, "spectral", spectral, seed, k, algorithms));
            clusters.Add(TaskSteps.Cluster(ctx, "descriptors", descriptors, seed, k, algorithms));
            var pcaDescriptors = ctx.Ledger.Run($"pca-descriptors-seed{seed}", () => Representations.Pca(descriptors, cfg.PcaComponents, seed));
            clusters.Add(TaskSteps.Cluster(ctx, $"pca{pcaDescriptors.Cols}-descriptors", pcaDescriptors, seed, k, algorithms));
            clusters.Add(TaskSteps.Cluster(ctx, "beta-vae", Representations.Standardise(beta.Embedding), seed, k, algorithms));
            clusters.Add(TaskSteps.Cluster(ctx, "autoencoder", Representations.Standardise(ae.Embedding), seed, k, algorithms));
            if (!lyrics) continue;
            var text = ctx.Ledger.Run($"lyrics-seed{seed}", () => LyricsEmbedding.Compute(ctx.Data.Lyrics!, ctx.Config.Lyrics, seed));
            clusters.Add(TaskSteps.Cluster(ctx, "lyrics", text, seed, k, algorithms));
            var hybrid = Representations.Blocks([new("beta-vae", beta.Embedding, weights.Audio, false), new("lyrics", text, weights.Lyrics, false)]);
            hybridShown ??= hybrid;
            clusters.Add(TaskSteps.Cluster(ctx, "hybrid", hybrid, seed, k, algorithms));
            if (ctx.Data.Genre is { } genre)
                clusters.Add(TaskSteps.Cluster(ctx, "hybrid+genre", Representations.Weighted((hybrid, 1.0), (Representations.OneHot(genre, cfg.GenreWeight * Math.Sqrt(hybrid.Cols)), 1.0)), seed, k, algorithms));
        }

        TaskFigures.Tsne(ctx, "beta-vae", $"Beta-VAE (β = {cfg.Beta}) latent means", Representations.Standardise(betaRuns[0].Embedding), ctx.Seeds[0]);
        TaskFigures.Tsne(ctx, "autoencoder", "autoencoder latent means", Representations.Standardise(aeRuns[0].Embedding), ctx.Seeds[0]);
        TaskSteps.ReconstructionFigure(ctx, "recon_betavae.png", $"Beta-VAE (β = {cfg.Beta})", betaRuns[0]);
        TaskSteps.ReconstructionFigure(ctx, "recon_autoencoder.png", "Autoencoder", aeRuns[0]);
        TaskSteps.LossFigure(ctx, "loss_betavae.png", $"Beta-VAE (β = {cfg.Beta})", betaRuns);
        TaskSteps.LossFigure(ctx, "loss_autoencoder.png", "Autoencoder (KL shown, not optimised)", aeRuns);
        foreach (var set in labels) TaskSteps.ContingencyFigure(ctx, clusters, set, set.Name == "genre" ? ["hybrid+genre"] : null);
        TaskSteps.KDistanceFigure(ctx, lyrics ? "hybrid" : "beta-vae", hybridShown ?? Representations.Standardise(betaRuns[0].Embedding));

        var report = new TaskReport
        {
            Task = "hard",
            Title = "Hard — Beta-VAE, autoencoder, spectral, lyrics and hybrid representations",
            Description = $"A Beta-VAE (β = {cfg.Beta}) and an autoencoder (the same network with β = 0 and a deterministic encoder) are trained on " +
                $"{f.PatchCount} log-mel patches (channels {string.Join("-", cfg.Channels)}, latent {cfg.Latent}, {cfg.Epochs} epochs). " +
                $"They are compared with PCA({cfg.PcaComponents}) of the spectral statistics, the statistics themselves, the block-weighted audio descriptors and their PCA({cfg.PcaComponents})" +
                (lyrics ? ", the lyrics embedding, the hybrid (Beta-VAE ⊕ lyrics, each block scaled to unit total variance) and the hybrid with a genre one-hot block" : "") +
                $". K-Means and Ward use k = {k}; DBSCAN takes eps from the k-distance knee unless configured.",
            Tracks = ctx.Data.Count,
            Seeds = ctx.Seeds,
            PrimaryMetric = EasyTask.PrimaryMetric(ctx.Data),
            LabelSets = labels.Select(l => l.Name).ToArray(),
            Rows = clusters.SelectMany(c => c.Rows).ToList(),
            BuiltFromLabels = new() { ["genre"] = ["hybrid+genre"] },
        };
        TaskSteps.ReconstructionTable(report, [($"Beta-VAE (β = {cfg.Beta})", betaRuns), ("Autoencoder", aeRuns)]);
        return report;
    }
}
