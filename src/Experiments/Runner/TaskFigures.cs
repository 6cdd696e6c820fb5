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
        var method = x.Rows <= 2000 ? TsneMethod.Exact : TsneMethod.BarnesHut;
        var xy = ctx.Ledger.Run($"tsne-{rep}-seed{seed}", () =>
            new FeatureMatrix(new Tsne(2, perplexity, method, seed: seed).FitTransform(x.Data, x.Rows, x.Cols), x.Rows, 2));
        var sets = ctx.Data.LabelSets;
        if (sets.Count == 0)
        {
            // Without labels the clusters are what there is to see: colour by the K-Means clustering of the same rows.
            var clusters = ctx.Clusterings.TryGetValue((rep, seed), out var done) ? done.Labels.FirstOrDefault(l => l.Algorithm == "kmeans") : null;
            var names = clusters is null ? Enumerable.Repeat("track", x.Rows).ToArray()
                : clusters.Labels.Select(l => l < 0 ? "noise" : $"cluster {l}").ToArray();
            string legend = clusters is null ? "no labels in the manifest" : $"coloured by K-Means cluster (k = {clusters.Labels.Max() + 1}); no labels in the manifest";
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}.png", $"t-SNE of the {title} (seed {seed}){(clusters is null ? "" : ", coloured by K-Means cluster")}"),
                $"t-SNE of the {title} (seed {seed})", xy.Data, names, legend);
            return;
        }
        foreach (var set in sets)
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}_{set.Name}.png", $"t-SNE of the {title} coloured by {set.Name} (seed {seed})"),
                $"t-SNE of the {title} (seed {seed})", xy.Data, set.Names(), $"coloured by {set.Name}");
    }
}
