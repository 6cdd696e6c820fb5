using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Runner;

/// <summary>The DSP settings a <see cref="FeatureConfig"/> implies and the layout of a track's packed features:
/// the head [spectral statistics | mean log-mel | descriptors], then log-mel patches of <see cref="PatchSize"/> values.</summary>
internal sealed record FeatureLayout(LogMelSettings LogMel, SpectralSettings Spectral, IReadOnlyList<DescriptorColumn> Columns,
    int SpectralLength, int Mels, int PatchSize)
{
    /// <summary>The settings and sizes of <paramref name="config"/>.</summary>
    public static FeatureLayout Of(FeatureConfig config)
    {
        var logMel = new LogMelSettings(config.SampleRate, config.NFft, config.HopLength, config.NMels, config.FMin, config.FMax);
        var spectral = new SpectralSettings(logMel, config.NMfcc);
        return new FeatureLayout(logMel, spectral, Descriptors.Columns(spectral), SpectralStatistics.FeatureNames(spectral).Count,
            config.NMels, config.NMels * config.PatchFrames);
    }

    /// <summary>Values in one head.</summary>
    public int HeadLength => SpectralLength + Mels + Columns.Count;

    /// <summary>The descriptor group of every descriptor column, in order.</summary>
    public string[] DescriptorGroups => Columns.Select(c => c.Group).ToArray();

    /// <summary>Empty per-track matrices for <paramref name="tracks"/> heads.</summary>
    public TrackHeads Heads(int tracks) => new(tracks, SpectralLength, Mels, Columns.Count);
}
