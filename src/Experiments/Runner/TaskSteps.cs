using MusicCluster.Clustering.Metrics;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Plots;
using MusicCluster.Experiments.Reports;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>Rows and labels of the clusterings of one representation with one seed (a stage result).</summary>
public sealed record ClusterStageResult(List<MetricRow> Rows, List<ClusterLabels> Labels);

/// <summary>Stages and figures shared by the Easy, Medium and Hard tasks.</summary>
public static class TaskSteps
{
    /// <summary>Clusters a representation (one ledger stage per representation and seed).</summary>
    public static ClusterStageResult Cluster(TaskContext ctx, string rep, FeatureMatrix x, int seed, int k, IReadOnlyList<string> algorithms)
    {
        var result = ClusterStage(ctx, rep, x, seed, k, algorithms);
        ctx.Clusterings[(rep, seed)] = result;
        ClusteredRepresentation.Record(ctx.Clustered, rep, x, seed, result);
        ModelEncoders.OnClustered(ctx, rep, x, seed, result);
        return result;
    }

    private static ClusterStageResult ClusterStage(TaskContext ctx, string rep, FeatureMatrix x, int seed, int k, IReadOnlyList<string> algorithms) =>
        ctx.Ledger.Run($"cluster-{rep}-seed{seed}", () =>
        {
            var rows = new List<MetricRow>();
            var labels = new List<ClusterLabels>();
            foreach (var (row, l) in ClusterSuite.Run(rep, x, seed, k, ctx.Config.Clustering, ctx.Data.LabelSets, algorithms))
            {
                rows.Add(row);
                labels.Add(l);
            }
            return new ClusterStageResult(rows, labels);
        });

    /// <summary>Trains one model for one seed on samples [N, …] (a ledger stage; an interrupted training resumes from its checkpoint);
    /// <c>toTracks</c> maps the per-sample μ rows [N, latent] to per-track embeddings; <c>input</c> says how <c>data</c> was made from the
    /// tracks' features, so that <c>encode</c> can embed new tracks with the checkpoint.</summary>
    public static ModelRun Train(TaskContext ctx, string name, int seed, Func<VaeModel> build, Tensor<float> data, TrainingConfig training,
        Func<float[], int, FeatureMatrix> toTracks, int reconCount, int reconHeight, int reconWidth, string description, EncoderInput? input = null)
    {
        var run = TrainStage(ctx, name, seed, build, data, training, toTracks, reconCount, reconHeight, reconWidth, description);
        ModelEncoders.OnTrained(ctx, name, seed, run, input);
        return run;
    }

    private static ModelRun TrainStage(TaskContext ctx, string name, int seed, Func<VaeModel> build, Tensor<float> data, TrainingConfig training,
        Func<float[], int, FeatureMatrix> toTracks, int reconCount, int reconHeight, int reconWidth, string description) =>
        ctx.Ledger.Run($"train-{name}-seed{seed}", () =>
        {
            var model = build();
            if (!ReferenceEquals(ctx.Backend, CpuBackend.Instance)) model.To(ctx.Backend);
            var history = ModelTraining.Train(model, data, training, seed, $"{name}-seed{seed}", ctx.Folder.Checkpoints, ctx.Console, description);
            var mu = model.Embed(data).ToArray();
            var embedding = toTracks(mu, model.Latent);
            int n = data.Shape[0], sample = data.Length / n;
            int count = Math.Min(reconCount, n);
            var picked = new float[count * sample];
            for (int i = 0; i < count; i++)
            {
                int row = (int)((long)i * n / count);
                data.Narrow(0, row, 1).ToArray().AsSpan().CopyTo(picked.AsSpan(i * sample, sample));
            }
            var shape = data.Shape.ToArray();
            shape[0] = count;
            var recon = model.Reconstruct(Tensor<float>.Wrap(picked, shape)).ToArray();
            return new ModelRun(history, embedding, picked, recon, count, reconHeight, reconWidth);
        });

    /// <summary>Loss curves of one model kind over all seeds.</summary>
    public static void LossFigure(TaskContext ctx, string fileName, string modelLabel, IEnumerable<ModelRun> runs) =>
        LossCurves.Save(ctx.Figure(fileName, $"{modelLabel}: training loss per epoch (reconstruction and KL)"),
            $"{modelLabel} training loss ({ctx.Task})",
            runs.Select(r => (r.History.Seed, r.History.Reconstruction, r.History.Kl.All(v => v == 0) ? Array.Empty<double>() : r.History.Kl)).ToList());

    /// <summary>Input vs reconstruction for the first seed's model.</summary>
    public static void ReconstructionFigure(TaskContext ctx, string fileName, string modelLabel, ModelRun run, string panelAxis = "patches (frames within each patch)", string valueAxis = "mel bins (low at the bottom of each band)")
        => ReconstructionGrid.Save(ctx.Figure(fileName, $"{modelLabel}: inputs (top) and reconstructions from μ (bottom), seed {run.History.Seed}"),
            $"{modelLabel} reconstructions (seed {run.History.Seed})", run.ReconInputs, run.Reconstructions, run.ReconCount, run.ReconHeight, run.ReconWidth,
            panelAxis, valueAxis);

    /// <summary>The sorted k-distance curve and the eps DBSCAN used on <paramref name="rep"/>.</summary>
    public static void KDistanceFigure(TaskContext ctx, string rep, FeatureMatrix x)
    {
        int k = Math.Clamp(ctx.Config.Clustering.DbscanMinSamples, 2, x.Rows);
        var dist = Clustering.Density.EpsSuggestion.KDistances(x.Data, x.Rows, x.Cols, k);
        Array.Sort(dist);
        double eps = ctx.Config.Clustering.DbscanEps ?? ClusterSuite.SuggestEps(x, k);
        string how = ctx.Config.Clustering.DbscanEps is null ? "knee of the curve" : "from the configuration";
        KDistancePlot.Save(ctx.Figure($"kdistance_{Safe(rep)}.png", $"k-distance curve of {rep} and the DBSCAN eps ({how})"),
            $"k-distance: {rep} ({ctx.Task}), eps from the {how}", dist, k, eps);
    }

    /// <summary>Clusters vs labels for the run with the highest ARI against <paramref name="labels"/>, leaving out representations built from those labels.</summary>
    public static void ContingencyFigure(TaskContext ctx, IEnumerable<ClusterStageResult> results, LabelSet labels, IReadOnlyCollection<string>? builtFromLabels = null)
    {
        string metric = MetricNames.Label("ari", labels.Name);
        MetricRow? best = null;
        ClusterLabels? bestLabels = null;
        foreach (var r in results)
            for (int i = 0; i < r.Rows.Count; i++)
                if (builtFromLabels?.Contains(r.Rows[i].Representation) != true && r.Rows[i].Clusters >= 2
                    && r.Rows[i].Metrics.TryGetValue(metric, out double v) && double.IsFinite(v) && (best is null || v > best.Metrics[metric]))
                {
                    best = r.Rows[i];
                    bestLabels = r.Labels[i];
                }
        if (best is null || bestLabels is null) return;
        var c = ContingencyMatrix.Build(labels.Codes, bestLabels.Labels);
        var counts = new long[c.Rows, c.Columns];
        for (int i = 0; i < c.Rows; i++) for (int j = 0; j < c.Columns; j++) counts[i, j] = c[i, j];
        ContingencyHeatmap.Save(
            ctx.Figure($"contingency_{labels.Name}.png", $"Clusters vs {labels.Name} for the best run by ARI: {best.Representation} + {best.Algorithm}, seed {best.Seed}"),
            $"{best.Representation} + {best.Algorithm} vs {labels.Name} (ARI {best.Metrics[metric]:F3})", counts,
            c.Classes.Select(k => labels.Classes[k]).ToArray(), c.Clusters.Select(k => k < 0 ? "noise" : k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            labels.Name);
    }

    /// <summary>A file-name-safe version of a representation name.</summary>
    public static string Safe(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (char ch in s) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_');
        return sb.ToString();
    }
}
