using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Encoders;

/// <summary>Leaves beside each checkpoint what placing new tracks needs: the encoder spec in its metadata, the training tracks'
/// representation (<c>NAME.embedding.npy</c>) and the K-Means centres the run used on it (<c>NAME.centroids.npy</c>).</summary>
public static class ModelEncoders
{
    /// <summary>Suffix of a model checkpoint.</summary>
    public const string CheckpointSuffix = ".safetensors";

    /// <summary>Records a trained model and writes its spec (input side) into its checkpoint.</summary>
    public static void OnTrained(TaskContext ctx, string name, int seed, ModelRun run, EncoderInput? input)
    {
        string checkpoint = Path.Combine(ctx.Folder.Checkpoints, $"{name}-seed{seed}{CheckpointSuffix}");
        ctx.Models.Add(new TrainedModel(name, seed, checkpoint, run.Embedding, input));
        if (input is not null && File.Exists(checkpoint))
            new EncoderSpec(ctx.Task, null, ctx.Config.Features, input, null, null).AttachTo(checkpoint);
    }

    /// <summary>When <paramref name="x"/> is a trained model's embedding, raw or standardised, completes that model's spec and saves the rows and centres.</summary>
    /// <remarks>The tasks cluster either the per-track μ itself or its column standardisation; matching the values exactly finds which,
    /// so encode applies the same scaling and its output lands in the space of the saved centres.</remarks>
    public static void OnClustered(TaskContext ctx, string rep, FeatureMatrix x, int seed, ClusterStageResult result)
    {
        for (int i = 0; i < ctx.Models.Count; i++)
        {
            var m = ctx.Models[i];
            var e = m.Embedding;
            if (m.Seed != seed || m.Input is null || m.Representation is not null || e.Rows != x.Rows || e.Cols != x.Cols) continue;
            double[]? mean = null, scale = null;
            if (!e.Data.AsSpan().SequenceEqual(x.Data))
            {
                var scaler = new StandardScaler().Fit(e.Data, e.Rows, e.Cols);
                if (!scaler.Transform(e.Data, e.Rows, e.Cols).AsSpan().SequenceEqual(x.Data)) continue;
                (mean, scale) = (scaler.Mean, scaler.Scale);
            }
            ctx.Models[i] = m with { Representation = rep };
            if (!File.Exists(m.Checkpoint)) return;
            new EncoderSpec(ctx.Task, rep, ctx.Config.Features, m.Input, mean, scale).AttachTo(m.Checkpoint);
            string stem = m.Checkpoint[..^CheckpointSuffix.Length];
            NpyFile.Write(stem + ".embedding.npy", x.Data, x.Rows, x.Cols);
            var kmeans = result.Labels.Find(l => l.Algorithm == "kmeans" && l.Centroids is not null);
            if (kmeans?.Centroids is { } c) NpyFile.Write(stem + ".centroids.npy", c, c.Length / x.Cols, x.Cols);
            return;
        }
    }
}
