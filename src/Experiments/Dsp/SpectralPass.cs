using System.Collections.Concurrent;
using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// Everything the runner's features take from the spectrum, out of one float64 STFT: the spectral-shape series
/// (centroid, bandwidth, roll-off, flatness, then zero-crossing rate and RMS from the samples), the log-mel spectrogram,
/// and on request STFT chroma and spectral contrast. Each value is computed exactly as its own function computes it
/// from its own STFT; only the transform is shared.
/// </summary>
internal sealed class SpectralPass
{
    private static readonly ConcurrentDictionary<(int, int), double[]> ChromaBanks = new();

    private SpectralPass(float[][] series, FeatureMatrix logMel, FeatureMatrix? chroma, FeatureMatrix? contrast)
    {
        Series = series;
        LogMel = logMel;
        Chroma = chroma;
        Contrast = contrast;
    }

    /// <summary>Centroid, bandwidth, roll-off, flatness, zero-crossing rate, RMS per frame.</summary>
    public float[][] Series { get; }

    /// <summary>The power log-mel spectrogram [mels, frames] in dB.</summary>
    public FeatureMatrix LogMel { get; }

    /// <summary><see cref="ChromaStft.Compute"/> [12, frames], when asked for.</summary>
    public FeatureMatrix? Chroma { get; }

    /// <summary><see cref="SpectralContrast.Compute"/> with its defaults [7, frames], when asked for.</summary>
    public FeatureMatrix? Contrast { get; }

    /// <summary>Runs the pass; <paramref name="descriptors"/> adds chroma and contrast; <paramref name="parallel"/> false keeps it on the calling thread.</summary>
    public static SpectralPass Run(ReadOnlySpan<float> samples, SpectralSettings settings, bool descriptors, bool parallel)
    {
        var lm = settings.LogMel;
        lm.Validate();
        if (lm.Power != 2.0) throw new ArgumentOutOfRangeException(nameof(settings), "spectral statistics use a power (2.0) mel spectrogram");
        var stft = lm.Stft;
        var bank = MelFilterBank.Shared(lm);
        var shape = SpectralStatistics.ShapeConstants.For(settings);
        int n = stft.FrameCount(samples.Length), bins = stft.Bins;
        var series = new float[6][];
        for (int i = 0; i < series.Length; i++) series[i] = new float[n];
        var mel = new float[lm.Mels * n];
        double[]? chromaBank = descriptors ? ChromaBanks.GetOrAdd((lm.SampleRate, lm.NFft), k => ChromaStft.FilterBank(k.Item1, k.Item2)) : null;
        var chroma = descriptors ? new float[12 * n] : null;
        var contrast = descriptors ? SpectralContrast.Layout.For(lm.SampleRate, lm.NFft) : null;
        var peak = contrast is null ? null : new float[contrast.Rows * n];
        var valley = contrast is null ? null : new float[contrast.Rows * n];

        // Float64 STFT: in float32 the FFT's rounding floor (~1e-7 of the peak) in the high bins, weighted by f², would
        // shift the bandwidth of tonal frames by a few per cent against librosa (which transforms in float64).
        Stft.ForEachPowerBatch<double>(samples, stft, bins + lm.Mels + 12, (first, count, power, scratch) =>
        {
            SpectralStatistics.ShapeBatch(power, scratch[..bins], first, count, shape, series);
            var melBatch = scratch.Slice(bins, lm.Mels);
            bank.Apply(power, melBatch);
            var dst = mel.AsSpan();
            for (int m = 0; m < lm.Mels; m++) Stft.StoreLanes(melBatch[m], dst.Slice(m * n + first), count);
            if (chromaBank is not null) ChromaStft.Batch(power, chromaBank, first, count, chroma!, n, scratch.Slice(bins + lm.Mels, 12));
            contrast?.Batch(power, first, count, peak!, valley!, n);
        }, parallel);
        SpectralStatistics.TimeDomain(samples, stft, series[4], series[5]);
        LogMelSpectrogram.ToDb(mel, lm);
        return new SpectralPass(series, new FeatureMatrix(mel, lm.Mels, n),
            chroma is null ? null : new FeatureMatrix(chroma, 12, n),
            contrast is null ? null : SpectralContrast.Finish(peak!, valley!, contrast.Rows, n));
    }
}
