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
        int width = Check(model, spec, source);
        var result = FeatureMatrix.Zeros(tracks.Count, width);
        for (int start = 0; start < tracks.Count; start += TracksPerBatch)
        {
            int count = Math.Min(TracksPerBatch, tracks.Count - start);
            var batch = tracks.Skip(start).Take(count).ToList();
            var f = FeatureExtraction.Extract(batch, spec.Features, cache, console, (spec.Input.PatchShift, spec.Input.PatchInvScale));
            Embed(model, spec, f, source).Data.CopyTo(result.Data.AsSpan(start * width));
        }
        return result;
    }

    /// <summary>Checks that the model and its spec fit together; returns the width of a track's row.</summary>
    public static int Check(VaeModel model, EncoderSpec spec, string source)
    {
        var block = spec.Input.Block;
        bool patches = block == EncoderInput.PatchBlock;
        if (!patches && block != EncoderInput.SpectralBlock && block != EncoderInput.DescriptorBlock)
            throw new UserInputException($"{source}: unknown encoder input '{block}' (expected {EncoderInput.DescriptorBlock}, {EncoderInput.SpectralBlock} or {EncoderInput.PatchBlock})");
        if (patches != model is ConvVae)
            throw new UserInputException($"{source}: a {model.Kind} checkpoint cannot take {block} input; the checkpoint's metadata is inconsistent");
        var input = patches ? null : Scaler(spec.Input.Mean, spec.Input.Scale, source, "input");
        if (block == EncoderInput.DescriptorBlock && (spec.Input.Columns is not { } picked || picked.Length != input!.Mean.Length))
            throw new UserInputException($"{source}: the checkpoint's descriptor input has no valid column map");
        // A conv model's track embedding is [mean, std] of its patches' μ; an MLP's is μ itself.
        int width = patches ? 2 * model.Latent : model.Latent;
        var output = spec.OutputMean is null ? null : Scaler(spec.OutputMean, spec.OutputScale, source, "output");
        if (output is not null && output.Mean.Length != width)
            throw new UserInputException($"{source}: the output scaling has {output.Mean.Length} columns but the model's track embedding has {width}");
        return width;
    }

    /// <summary>Samples per call of the model's forward pass (<see cref="VaeModel.Embed"/>'s batch).</summary>
    /// <remarks>A sample's μ can differ in the last bits with the batch it is computed in, so a cluster node embeds whole batches of
    /// exactly these bounds (<see cref="Distributed.ClusterEncoding"/>) and its rows stay this machine's.</remarks>
    public const int EmbedBatch = 256;

    /// <summary>The rows of the tracks of <paramref name="f"/> (features with the spec's patch scaling applied), after a <see cref="Check"/>.</summary>
    public static FeatureMatrix Embed(VaeModel model, EncoderSpec spec, TrackFeatures f, string source) =>
        Rows(model.Latent, spec, model.Embed(ModelInput(spec, f, source), EmbedBatch).ToArray(), f.PatchTrack, f.Spectral.Rows, source);

    /// <summary>What the model embeds for the tracks of <paramref name="f"/>: their patches [P, 1, H, W], or one scaled input row per track.</summary>
    public static Tensor<float> ModelInput(EncoderSpec spec, TrackFeatures f, string source)
    {
        if (spec.Input.Block == EncoderInput.PatchBlock) return PatchModels.Tensor(f);
        var input = Scaler(spec.Input.Mean, spec.Input.Scale, source, "input");
        var x = spec.Input.Block == EncoderInput.DescriptorBlock ? Descriptors(spec.Input, f, source) : Spectral(input, f, source);
        return Tensor<float>.Wrap(x, f.Spectral.Rows, input.Mean.Length);
    }

    /// <summary>The <paramref name="count"/> tracks' rows from the model's μ of their <see cref="ModelInput"/> (one per patch, <paramref name="patchTrack"/>
    /// naming its track, or one per track), in the space the run clustered.</summary>
    public static FeatureMatrix Rows(int latent, EncoderSpec spec, float[] mu, int[] patchTrack, int count, string source)
    {
        var e = spec.Input.Block == EncoderInput.PatchBlock
            ? Representations.MeanStdPerTrack(mu, latent, patchTrack, count)
            : new FeatureMatrix(mu, count, latent);
        if (spec.OutputMean is not null) e = new FeatureMatrix(Scaler(spec.OutputMean, spec.OutputScale, source, "output").Transform(e.Data, e.Rows, e.Cols), e.Rows, e.Cols);
        return e;
    }

    private static float[] Spectral(StandardScaler input, TrackFeatures f, string source)
    {
        var s = f.Spectral;
        if (s.Cols != input.Mean.Length)
            throw new UserInputException($"{source}: the model was trained on {input.Mean.Length} spectral statistics, these settings give {s.Cols}");
        return input.Transform(s.Data, s.Rows, s.Cols);
    }

    private static float[] Descriptors(EncoderInput input, TrackFeatures f, string source)
    {
        var raw = EncoderInput.DescriptorColumns(f);
        foreach (int c in input.Columns!)
            if ((uint)c >= (uint)raw.Cols)
                throw new UserInputException($"{source}: the model was trained on descriptor column {c}, these settings give {raw.Cols} columns");
        return input.Apply(raw);
    }

    private static StandardScaler Scaler(double[]? mean, double[]? scale, string source, string which)
    {
        try { return StandardScaler.FromStatistics(mean ?? [], scale ?? []); }
        catch (ArgumentException e) { throw new UserInputException($"{source}: the checkpoint's {which} scaling is invalid ({e.Message})", e); }
    }
}
