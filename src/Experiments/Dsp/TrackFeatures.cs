using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Which features to extract from a track.</summary>
public enum FeatureKind
{
    /// <summary>Log-mel spectrogram [mels, frames] (dB).</summary>
    LogMel,

    /// <summary>MFCCs [n_mfcc, frames].</summary>
    Mfcc,

    /// <summary>The per-track spectral statistics vector (<see cref="SpectralStatistics"/>).</summary>
    Spectral,

    /// <summary>The per-track timbre, harmony and rhythm descriptors (<see cref="Dsp.Descriptors"/>), named columns.</summary>
    Descriptors,
}

/// <summary>Decode-then-extract for lists of audio files (a directory, or the files a manifest names), tracks in parallel.</summary>
public static class TrackFeatures
{
    /// <summary>
    /// Extracts <paramref name="kind"/> for every file, in input order. Each result is a [rows, columns] matrix:
    /// log-mel [mels, frames], MFCC [n_mfcc, frames], spectral [1, features]. With <paramref name="failures"/>, a file that
    /// cannot be decoded is recorded there by index and its result is null; without it the first such file throws.
    /// </summary>
    public static FeatureMatrix?[] Extract(IReadOnlyList<string> paths, FeatureKind kind, SpectralSettings settings, Action<string>? warn = null,
        SortedDictionary<int, UserInputException>? failures = null, DecoderChoice decoder = DecoderChoice.Auto)
    {
        var results = new FeatureMatrix?[paths.Count];
        try
        {
            Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try { results[i] = Extract(paths[i], kind, settings, warn, decoder); }
                catch (UserInputException e) when (failures is not null) { lock (failures) failures[i] = e; }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is UserInputException) is { } first)
        {
            throw first;
        }
        return results;
    }

    /// <summary>Decodes one file at the settings' sample rate and extracts <paramref name="kind"/>.</summary>
    public static FeatureMatrix Extract(string path, FeatureKind kind, SpectralSettings settings, Action<string>? warn = null, DecoderChoice decoder = DecoderChoice.Auto)
    {
        var lm = settings.LogMel;
        var y = AudioDecoder.Decode(path, lm.SampleRate, warn: warn, minimumSamples: lm.NFft, decoder: decoder);
        return kind switch
        {
            FeatureKind.LogMel => LogMelSpectrogram.Compute(y, lm),
            FeatureKind.Mfcc => Dsp.Mfcc.Compute(y, lm, settings.Coefficients),
            FeatureKind.Descriptors => new FeatureMatrix(Dsp.Descriptors.Compute(y, settings), 1, Dsp.Descriptors.Columns(settings).Count),
            _ => new FeatureMatrix(SpectralStatistics.Compute(y, settings), 1, SpectralStatistics.FeatureNames(settings).Count),
        };
    }
}
