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
            // Without labels the clusters are what there is to see: ByCluster draws this map coloured by them under the plain name.
            if (!ctx.Clusterings.ContainsKey((rep, seed))) Unlabelled(ctx, rep, title, seed, xy);
            return;
        }
        foreach (var set in sets)
            ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}_{set.Name}.png", $"t-SNE of the {title} coloured by {set.Name} (seed {seed})"),
                $"t-SNE of the {title} (seed {seed})", xy.Data, set.Names(), $"coloured by {set.Name}");
    }

    // One colour: no labels, and no clustering of these rows to colour by.
    private static void Unlabelled(TaskContext ctx, string rep, string title, int seed, FeatureMatrix xy) =>
        ScatterByLabel.Save(ctx.Figure($"tsne_{TaskSteps.Safe(rep)}.png", $"t-SNE of the {title} (seed {seed})"),
            $"t-SNE of the {title} (seed {seed})", xy.Data, Enumerable.Repeat("track", xy.Rows).ToArray(), "no labels in the manifest");

    /// <summary>2-D t-SNE of the rows of <paramref name="x"/> as a ledger stage (exact up to 2000 rows, Barnes–Hut above).</summary>
    public static FeatureMatrix TsneMap(TaskContext ctx, string stage, FeatureMatrix x, int seed)
    {
        double perplexity = Math.Min(ctx.Config.Clustering.TsnePerplexity, Math.Max(2, (x.Rows - 1) / 3.0));
        var method = x.Rows <= 2000 ? TsneMethod.Exact : TsneMethod.Auto;
        return ctx.Ledger.Run(stage, () =>
            new FeatureMatrix(new Tsne(2, perplexity, method, seed: seed).FitTransform(x.Data, x.Rows, x.Cols), x.Rows, 2));
    }

    /// <summary>The t-SNE figures of the task again, coloured by the cluster of each representation's best clustering; without labels
    /// this is the only t-SNE figure of a clustered representation, under its plain name (<c>tsne_REP.png</c>).</summary>
    public static void ByCluster(TaskContext ctx, IReadOnlyList<RepresentationMap> maps)
    {
        bool unlabelled = ctx.Data.LabelSets.Count == 0;
        foreach (var f in ctx.TsneFigures)
        {
            var map = maps.FirstOrDefault(m => m.Representation == f.Representation);
            if (map is null)
            {
                if (unlabelled && ctx.Clusterings.ContainsKey((f.Representation, f.Seed))) Unlabelled(ctx, f.Representation, f.Title, f.Seed, f.Xy);
                continue;
            }
            int max = map.Labels.Length == 0 ? 0 : map.Labels.Max();
            var names = map.Labels.Select(l => l < 0 ? "noise" : max >= 10 ? $"cluster {l:D2}" : $"cluster {l}").ToArray();
            string by = $"coloured by cluster ({map.Algorithm}, seed {map.Seed})";
            string file = unlabelled ? $"tsne_{TaskSteps.Safe(f.Representation)}.png" : $"tsne_{TaskSteps.Safe(f.Representation)}_cluster.png";
            ScatterByLabel.Save(ctx.Figure(file, $"t-SNE of the {f.Title} {by}"),
                $"t-SNE of the {f.Title} (seed {f.Seed})", f.Xy.Data, names, by);
        }
    }
}

/// <summary>A t-SNE figure a task drew: the representation, its rows and their 2-D map.</summary>
public sealed record TsneFigure(string Representation, string Title, int Seed, FeatureMatrix X, FeatureMatrix Xy);
