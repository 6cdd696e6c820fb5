namespace MusicCluster.Experiments.Dsp;

/// <summary>Onset strength as librosa.onset.onset_strength(S=log-mel) with its defaults: lag 1, no max filter, mean over bands, centred.</summary>
public static class OnsetStrength
{
    /// <summary>The onset envelope [frames] of a log-mel spectrogram [mels, frames] in dB.</summary>
    /// <remarks>Each frame's positive increase over the previous frame, averaged over bands, delayed by lag + n_fft / (2·hop)
    /// frames (zeros in front) so that it lines up with centred STFT frames, and cut to the spectrogram's length.</remarks>
    public static float[] FromLogMel(FeatureMatrix logMel, int nFft, int hopLength, int lag = 1)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag), "lag must be ≥ 1");
        int n = logMel.Columns, mels = logMel.Rows;
        int pad = lag + nFft / (2 * hopLength);
        var env = new float[n];
        for (int t = lag; t < n; t++)
        {
            int at = t - lag + pad;
            if (at >= n) break;
            double s = 0;
            for (int m = 0; m < mels; m++) s += Math.Max(0.0, (double)logMel[m, t] - logMel[m, t - lag]);
            env[at] = (float)(s / mels);
        }
        return env;
    }
}
