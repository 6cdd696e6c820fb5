using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Networks;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Encoders;

/// <summary>Embeds tracks with a trained model exactly as its run did: same features, same input scaling, same output scaling.</summary>
public static class TrackEncoder
{
    /// <summary>Tracks per feature-extraction batch: bounds memory on large collections.</summary>
    public const int TracksPerBatch = 2048;

    /// <summary>One row per track, in order, in the space the run clustered (see <see cref="EncoderSpec"/>).</summary>
    public static FeatureMatrix Encode(VaeModel model, EncoderSpec spec, IReadOnlyList<Track> tracks, FeatureCache cache, RunConsole console, string source)
    {
        bool patches = spec.Input.Block == EncoderInput.PatchBlock;
        if (!patches && spec.Input.Block != EncoderInput.SpectralBlock)
            throw new UserInputException($"{source}: unknown encoder input '{spec.Input.Block}' (expected {EncoderInput.SpectralBlock} or {EncoderInput.PatchBlock})");
        if (patches != model is ConvVae)
            throw new UserInputException($"{source}: a {model.Kind} checkpoint cannot take {spec.Input.Block} input; the checkpoint's metadata is inconsistent");
        var input = patches ? null : Scaler(spec.Input.Mean, spec.Input.Scale, source, "input");
        var output = spec.OutputMean is null ? null : Scaler(spec.OutputMean, spec.OutputScale, source, "output");
        if (output is not null && output.Mean.Length != model.Latent)
            throw new UserInputException($"{source}: the output scaling has {output.Mean.Length} columns but the model's latent size is {model.Latent}");

        var result = FeatureMatrix.Zeros(tracks.Count, model.Latent);
        for (int start = 0; start < tracks.Count; start += TracksPerBatch)
        {
            int count = Math.Min(TracksPerBatch, tracks.Count - start);
            var batch = tracks.Skip(start).Take(count).ToList();
            var f = FeatureExtraction.Extract(batch, spec.Features, cache, console, (spec.Input.PatchShift, spec.Input.PatchInvScale));
            FeatureMatrix e;
            if (patches)
            {
                var mu = model.Embed(PatchModels.Tensor(f)).ToArray();
                e = Representations.MeanPerTrack(mu, model.Latent, f.PatchTrack, count);
            }
            else
            {
                var s = f.Spectral;
                if (s.Cols != input!.Mean.Length)
                    throw new UserInputException($"{source}: the model was trained on {input.Mean.Length} spectral statistics, these settings give {s.Cols}");
                var x = input.Transform(s.Data, s.Rows, s.Cols);
                e = new FeatureMatrix(model.Embed(Tensor<float>.Wrap(x, s.Rows, s.Cols)).ToArray(), count, model.Latent);
            }
            if (output is not null) e = new FeatureMatrix(output.Transform(e.Data, e.Rows, e.Cols), e.Rows, e.Cols);
            e.Data.CopyTo(result.Data.AsSpan(start * model.Latent));
        }
        return result;
    }

    private static StandardScaler Scaler(double[]? mean, double[]? scale, string source, string which)
    {
        try { return StandardScaler.FromStatistics(mean ?? [], scale ?? []); }
        catch (ArgumentException e) { throw new UserInputException($"{source}: the checkpoint's {which} scaling is invalid ({e.Message})", e); }
    }
}
