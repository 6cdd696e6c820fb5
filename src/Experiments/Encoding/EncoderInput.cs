using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Encoders;

/// <summary>How a model's input rows are made from a track's features, with the scaling fitted on the training tracks.</summary>
/// <param name="Block"><see cref="SpectralBlock"/> (one standardised row per track) or <see cref="PatchBlock"/> (log-mel patches, a track is the mean μ of its patches).</param>
/// <param name="Mean">Per-column means of the spectral statistics (StandardScaler), or null for patches.</param>
/// <param name="Scale">Per-column standard deviations of the spectral statistics, or null for patches.</param>
/// <param name="PatchShift">Value subtracted from every raw patch value.</param>
/// <param name="PatchInvScale">Factor the shifted patch values are multiplied by.</param>
public sealed record EncoderInput(string Block, double[]? Mean, double[]? Scale, float PatchShift = 0, float PatchInvScale = 1)
{
    /// <summary>The Easy input: the spectral statistics, standardised per column.</summary>
    public const string SpectralBlock = "spectral";

    /// <summary>The Medium and Hard input: standardised log-mel patches.</summary>
    public const string PatchBlock = "logmel-patches";

    /// <summary>Spectral statistics standardised with a scaler fitted on <paramref name="raw"/> (as <see cref="Representations.Standardise"/>).</summary>
    public static EncoderInput Spectral(FeatureMatrix raw)
    {
        var s = new StandardScaler().Fit(raw.Data, raw.Rows, raw.Cols);
        return new EncoderInput(SpectralBlock, s.Mean, s.Scale);
    }

    /// <summary>Log-mel patches scaled as in <paramref name="f"/>.</summary>
    public static EncoderInput Patches(TrackFeatures f) => new(PatchBlock, null, null, f.PatchShift, f.PatchInvScale);
}
