using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Experiments.Dsp;

/// <summary>MFCCs as librosa.feature.mfcc: an orthonormal DCT-II over the log-mel bands of each frame, first n_mfcc rows.</summary>
public static class Mfcc
{
    /// <summary>The default number of coefficients.</summary>
    public const int DefaultCoefficients = 20;

    /// <summary>MFCCs [n_mfcc, frames] of <paramref name="signal"/> (log-mel per <paramref name="settings"/>, then the DCT).</summary>
    public static FeatureMatrix Compute(ReadOnlySpan<float> signal, LogMelSettings settings, int coefficients = DefaultCoefficients)
        => FromLogMel(LogMelSpectrogram.Compute(signal, settings), coefficients);

    /// <summary>MFCCs [n_mfcc, frames] from a log-mel spectrogram [mels, frames].</summary>
    public static FeatureMatrix FromLogMel(FeatureMatrix logMel, int coefficients = DefaultCoefficients)
    {
        if (coefficients < 1 || coefficients > logMel.Rows)
            throw new ArgumentOutOfRangeException(nameof(coefficients), $"n_mfcc must be in 1..{logMel.Rows} (the mel bands)");
        var dct = DctMatrix(coefficients, logMel.Rows);
        var result = new float[coefficients * logMel.Columns];
        Gemm.Multiply<float>(false, false, coefficients, logMel.Columns, logMel.Rows, dct, logMel.Rows, logMel.Data, logMel.Columns, result, logMel.Columns);
        return new FeatureMatrix(result, coefficients, logMel.Columns);
    }

    /// <summary>Rows 0..count-1 of the orthonormal DCT-II matrix of size n: √(c/n)·cos(πk(2j+1)/(2n)), c = 1 for k = 0 else 2.</summary>
    public static float[] DctMatrix(int count, int n)
    {
        var m = new float[count * n];
        for (int k = 0; k < count; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / n);
            for (int j = 0; j < n; j++) m[k * n + j] = (float)(scale * Math.Cos(Math.PI * k * (2 * j + 1) / (2.0 * n)));
        }
        return m;
    }
}
