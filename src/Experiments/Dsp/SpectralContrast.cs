namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// Spectral contrast as librosa.feature.spectral_contrast with its defaults (fmin 200 Hz, 6 octave bands + the band
/// below fmin, quantile 0.02): per band and frame, dB of the mean of the top-quantile magnitudes minus dB of the
/// mean of the bottom-quantile ones. power_to_db (ref 1, amin 1e-10, top_db 80 over the whole matrix) is applied
/// to the peak and valley matrices separately, as librosa does. Magnitudes come from a float64 STFT.
/// </summary>
public static class SpectralContrast
{
    /// <summary>The contrast [bands + 1, frames] of <paramref name="samples"/> at <paramref name="sampleRate"/> Hz.</summary>
    public static FeatureMatrix Compute(ReadOnlySpan<float> samples, int sampleRate, StftSettings stft, double fmin = 200, int bands = 6, double quantile = 0.02)
    {
        var layout = Bands(sampleRate, stft.NFft, fmin, bands, quantile);
        int frames = stft.FrameCount(samples.Length), rows = bands + 1;
        var peak = new float[rows * frames];
        var valley = new float[rows * frames];
        int widest = 0;
        foreach (var b in layout) widest = Math.Max(widest, b.Count);
        Stft.ForEachPowerBatch<double>(samples, stft, 0, (first, count, power, _) =>
        {
            Span<double> sorted = widest <= 2048 ? stackalloc double[widest] : new double[widest];
            for (int k = 0; k < rows; k++)
            {
                var (start, length, take) = layout[k];
                var band = sorted[..length];
                for (int l = 0; l < count; l++)
                {
                    for (int i = 0; i < length; i++) band[i] = Math.Sqrt(power[start + i][l]);
                    band.Sort();
                    double lo = 0, hi = 0;
                    for (int i = 0; i < take; i++) { lo += band[i]; hi += band[length - 1 - i]; }
                    valley[k * frames + first + l] = (float)(lo / take);
                    peak[k * frames + first + l] = (float)(hi / take);
                }
            }
        });
        Decibels.PowerToDb(peak);
        Decibels.PowerToDb(valley);
        for (int i = 0; i < peak.Length; i++) peak[i] -= valley[i];
        return new FeatureMatrix(peak, rows, frames);
    }

    /// <summary>For each band: first bin, number of bins sorted, and how many bins the peak and valley average.</summary>
    internal static (int Start, int Count, int Take)[] Bands(int sampleRate, int nFft, double fmin, int bands, double quantile)
    {
        if (!(fmin > 0)) throw new ArgumentOutOfRangeException(nameof(fmin), "fmin must be positive");
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), "need at least one band");
        int bins = nFft / 2 + 1;
        var edges = new double[bands + 2];
        for (int i = 1; i < edges.Length; i++) edges[i] = fmin * Math.Pow(2, i - 1);
        if (edges[^2] >= 0.5 * sampleRate) throw new ArgumentOutOfRangeException(nameof(bands), $"the top contrast band starts at {edges[^2]} Hz, above the Nyquist frequency; use fewer bands or a lower fmin");
        var result = new (int, int, int)[bands + 1];
        for (int k = 0; k <= bands; k++)
        {
            // librosa's mask: bins with f_low ≤ f ≤ f_high, plus one bin below (k > 0), plus everything above (last band).
            int first = -1, last = -1;
            for (int b = 0; b < bins; b++)
            {
                double f = (double)b * sampleRate / nFft;
                if (f >= edges[k] && f <= edges[k + 1]) { if (first < 0) first = b; last = b; }
            }
            if (first < 0) throw new ArgumentOutOfRangeException(nameof(nFft), $"contrast band {k} ({edges[k]}–{edges[k + 1]} Hz) holds no FFT bin at n_fft {nFft}");
            if (k > 0) first--;
            if (k == bands) last = bins - 1;
            int masked = last - first + 1;
            int count = k < bands ? masked - 1 : masked; // librosa drops the band's last bin except in the top band
            int take = Math.Max(1, (int)Math.Round(quantile * masked, MidpointRounding.ToEven));
            result[k] = (first, count, Math.Min(take, count));
        }
        return result;
    }
}
