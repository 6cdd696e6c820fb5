using MusicCluster.Experiments.Reports;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>Easy: an MLP VAE on standardised per-track spectral statistics, K-Means on its latent means vs PCA (same dimension) + K-Means.</summary>
public static class EasyTask
{
    /// <summary>Runs every stage and returns the report content.</summary>
    public static TaskReport Run(TaskContext ctx)
    {
        var cfg = ctx.Config.Easy;
        var features = ctx.Timed("extract-features", () => ctx.Data.Features);
        var x = Representations.Standardise(features.Spectral);
        var labels = ctx.Data.LabelSets;
        int k = ctx.K(ctx.Data.Genre ?? ctx.Data.Language);
        string[] kmeansOnly = ["kmeans"];
        var data = Tensor<float>.Wrap(x.Data, x.Rows, x.Cols);
        int shown = Math.Min(x.Rows, 40);

        var runs = new List<ModelRun>();
        var clusters = new List<ClusterStageResult>();
        foreach (int seed in ctx.Seeds)
        {
            var run = TaskSteps.Train(ctx, "vae", seed,
                () => new Vae(new VaeConfig(x.Cols, cfg.Hidden, cfg.Latent), (ulong)seed), data, cfg,
                (mu, latent) => new FeatureMatrix(mu, x.Rows, latent), shown, 1, x.Cols, $"[easy] VAE seed {seed}",
                Encoders.EncoderInput.Spectral(features.Spectral));
            runs.Add(run);
            clusters.Add(TaskSteps.Cluster(ctx, "vae", run.Embedding, seed, k, kmeansOnly));
            var pca = ctx.Ledger.Run($"pca-seed{seed}", () => Representations.Pca(x, cfg.Latent, seed));
            clusters.Add(TaskSteps.Cluster(ctx, $"pca{pca.Cols}", pca, seed, k, kmeansOnly));
        }

        var first = runs[0];
        TaskFigures.Tsne(ctx, "vae", "VAE latent means", first.Embedding, ctx.Seeds[0]);
        TaskSteps.LossFigure(ctx, "loss_vae.png", "MLP VAE", runs);
        // The Easy input is a feature vector per track: show the first tracks side by side, one column each.
        var grid = TransposeForGrid(first, x.Cols, shown);
        TaskSteps.ReconstructionFigure(ctx, "recon_vae.png", "MLP VAE", grid, "tracks (one column each)", "standardised spectral statistics");
        foreach (var set in labels) TaskSteps.ContingencyFigure(ctx, clusters, set);

        return new TaskReport
        {
            Task = "easy",
            Title = "Easy — MLP VAE on spectral statistics vs PCA",
            Description = $"A VAE ({x.Cols} → {string.Join(" → ", cfg.Hidden)} → {cfg.Latent}) is trained on the standardised per-track spectral statistics " +
                $"for {cfg.Epochs} epochs; K-Means (k = {k}) clusters its latent means and, as the baseline, a PCA of the same data to the same dimension.",
            Tracks = ctx.Data.Count,
            Seeds = ctx.Seeds,
            PrimaryMetric = PrimaryMetric(ctx.Data),
            LabelSets = labels.Select(l => l.Name).ToArray(),
            Rows = clusters.SelectMany(c => c.Rows).ToList(),
        };
    }

    /// <summary>ari_genre when genres exist, else ari_language, else silhouette.</summary>
    public static string PrimaryMetric(Dataset d) =>
        d.Genre is not null ? "ari_genre" : d.Language is not null ? "ari_language" : MetricNames.Silhouette;

    /// <summary>The first <paramref name="tracks"/> rows as one d×tracks panel (features down, tracks across).</summary>
    private static ModelRun TransposeForGrid(ModelRun run, int d, int tracks)
    {
        var input = new float[d * tracks];
        var recon = new float[d * tracks];
        for (int t = 0; t < tracks; t++)
            for (int j = 0; j < d; j++)
            {
                input[j * tracks + t] = run.ReconInputs[t * d + j];
                recon[j * tracks + t] = run.Reconstructions[t * d + j];
            }
        return run with { ReconInputs = input, Reconstructions = recon, ReconCount = 1, ReconHeight = d, ReconWidth = tracks };
    }
}
