using MusicCluster.Clustering.Manifold;
using MusicCluster.Experiments.Plots;

namespace MusicCluster.Experiments.Runner;

/// <summary>t-SNE scatter plots of a latent space, one per label set.</summary>
public static class TaskFigures
{
    /// <summary>Embeds <paramref name="x"/> with t-SNE (a ledger stage) and draws it coloured by each label set (or unlabelled).</summary>
    public static void Tsne(TaskContext ctx, string rep, string title, FeatureMatrix x, int seed)
    {
        double perplexity = Math.Min(ctx.Config.Clustering.TsnePerplexity, Math.Max(2, (x.Rows - 1) / 3.0));
        var method = x.Rows <= 2000 ? TsneMethod.Exact : TsneMethod.Auto;
        var xy = ctx.Ledger.Run($"tsne-{rep}-seed{seed}", () =>
            new FeatureMatrix(new Tsne(2, perplexity, method, seed: seed).FitTransform(x.Data, x.Rows, x.Cols), x.Rows, 2));
        var sets = ctx.Data.LabelSets;
        if (sets.Count == 0)
        {
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}.png", $"t-SNE of the {title} (seed {seed})"),
                $"t-SNE of the {title} (seed {seed})", xy.Data, Enumerable.Repeat("track", x.Rows).ToArray(), "no labels in the manifest");
            return;
        }
        foreach (var set in sets)
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}_{set.Name}.png", $"t-SNE of the {title} coloured by {set.Name} (seed {seed})"),
                $"t-SNE of the {title} (seed {seed})", xy.Data, set.Names(), $"coloured by {set.Name}");
    }
}
