using MusicCluster.Clustering.Manifold;
using MusicCluster.Experiments.Plots;

namespace MusicCluster.Experiments.Runner;

/// <summary>t-SNE scatter plots of a latent space, one per label set.</summary>
public static class TaskFigures
{
    /// <summary>Embeds <paramref name="x"/> with t-SNE (a ledger stage) and draws it coloured by each label set (or unlabelled).</summary>
    public static void Tsne(TaskContext ctx, string rep, string title, FeatureMatrix x, int seed)
    {
        var xy = TsneMap(ctx, $"tsne-{rep}-seed{seed}", x, seed);
        ctx.TsneFigures.Add(new TsneFigure(rep, title, seed, x, xy));
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

    /// <summary>2-D t-SNE of the rows of <paramref name="x"/> as a ledger stage (exact up to 2000 rows, Barnes–Hut above).</summary>
    public static FeatureMatrix TsneMap(TaskContext ctx, string stage, FeatureMatrix x, int seed)
    {
        double perplexity = Math.Min(ctx.Config.Clustering.TsnePerplexity, Math.Max(2, (x.Rows - 1) / 3.0));
        var method = x.Rows <= 2000 ? TsneMethod.Exact : TsneMethod.Auto;
        return ctx.Ledger.Run(stage, () =>
            new FeatureMatrix(new Tsne(2, perplexity, method, seed: seed).FitTransform(x.Data, x.Rows, x.Cols), x.Rows, 2));
    }

    /// <summary>The t-SNE figures of the task again, coloured by the cluster of each representation's best clustering.</summary>
    public static void ByCluster(TaskContext ctx, IReadOnlyList<RepresentationMap> maps)
    {
        foreach (var f in ctx.TsneFigures)
        {
            var map = maps.FirstOrDefault(m => m.Representation == f.Representation);
            if (map is null) continue;
            int max = map.Labels.Length == 0 ? 0 : map.Labels.Max();
            var names = map.Labels.Select(l => l < 0 ? "noise" : max >= 10 ? $"cluster {l:D2}" : $"cluster {l}").ToArray();
            string by = $"coloured by cluster ({map.Algorithm}, seed {map.Seed})";
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(f.Representation)}_cluster.png", $"t-SNE of the {f.Title} {by}"),
                $"t-SNE of the {f.Title} (seed {f.Seed})", f.Xy.Data, names, by);
        }
    }
}

/// <summary>A t-SNE figure a task drew: the representation, its rows and their 2-D map.</summary>
public sealed record TsneFigure(string Representation, string Title, int Seed, FeatureMatrix X, FeatureMatrix Xy);
