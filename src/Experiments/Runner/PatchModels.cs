using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>Trains the convolutional models of Medium and Hard on log-mel patches; a track's embedding is [mean, std] of its patches' μ.</summary>
public static class PatchModels
{
    /// <summary>Patches as a [P, 1, H, W] tensor.</summary>
    public static Tensor<float> Tensor(TrackFeatures f) => Tensor<float>.Wrap(f.Patches, f.PatchCount, 1, f.PatchHeight, f.PatchWidth);

    /// <summary>The conv model configuration for the patch size and the task's channels and latent size.</summary>
    public static ConvVaeConfig Config(TrackFeatures f, int[] channels, int latent) =>
        new(1, f.PatchHeight, f.PatchWidth, channels, Latent: latent);

    /// <summary>Trains one model for one seed and returns its run (history, per-track embedding, 6 reconstructions).</summary>
    /// <remarks>Patches left in the feature store (a large collection) are streamed; see <see cref="StreamedPatchTraining"/>.</remarks>
    public static ModelRun Train(TaskContext ctx, string name, string label, int seed, Func<VaeModel> build, TrackFeatures f, TrainingConfig training)
    {
        string description = $"[{ctx.Task}] {label} seed {seed}";
        if (f.Stored is null)
            return TaskSteps.Train(ctx, name, seed, build, Tensor(f), training,
                (mu, latent) => Representations.MeanStdPerTrack(mu, latent, f.PatchTrack, ctx.Data.Count),
                6, f.PatchHeight, f.PatchWidth, description, Encoders.EncoderInput.Patches(f));
        var run = StreamedPatchTraining.Train(ctx, name, seed, build, f, training, 6, description);
        Encoders.ModelEncoders.OnTrained(ctx, name, seed, run, Encoders.EncoderInput.Patches(f));
        return run;
    }
}
