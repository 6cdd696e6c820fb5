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
}

/// <summary>Decode-then-extract for lists of audio files (a directory, or the files a manifest names), tracks in parallel.</summary>
public static class TrackFeatures
{
    /// <summary>Extensions treated as audio when a directory is scanned.</summary>
    public static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { ".wav", ".wave", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".mp4", ".aac", ".aif", ".aiff", ".wma" };

    /// <summary>The audio files directly inside <paramref name="directory"/>, sorted by name (ordinal).</summary>
    public static string[] AudioFilesIn(string directory)
    {
        var files = Directory.EnumerateFiles(directory).Where(f => AudioExtensions.Contains(Path.GetExtension(f))).ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Extracts <paramref name="kind"/> for every file, in input order. Each result is a [rows, columns] matrix:
    /// log-mel [mels, frames], MFCC [n_mfcc, frames], spectral [1, features].
    /// </summary>
    public static FeatureMatrix[] Extract(IReadOnlyList<string> paths, FeatureKind kind, SpectralSettings settings, Action<string>? warn = null)
    {
        var results = new FeatureMatrix[paths.Count];
        try
        {
            Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = Extract(paths[i], kind, settings, warn));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is UserInputException) is { } first)
        {
            throw first;
        }
        return results;
    }

    /// <summary>Decodes one file at the settings' sample rate and extracts <paramref name="kind"/>.</summary>
    public static FeatureMatrix Extract(string path, FeatureKind kind, SpectralSettings settings, Action<string>? warn = null)
    {
        var lm = settings.LogMel;
        var y = AudioDecoder.Decode(path, lm.SampleRate, warn: warn, minimumSamples: lm.NFft);
        return kind switch
        {
            FeatureKind.LogMel => LogMelSpectrogram.Compute(y, lm),
            FeatureKind.Mfcc => Dsp.Mfcc.Compute(y, lm, settings.Coefficients),
            _ => new FeatureMatrix(SpectralStatistics.Compute(y, settings), 1, SpectralStatistics.FeatureNames(settings).Count),
        };
    }
}
