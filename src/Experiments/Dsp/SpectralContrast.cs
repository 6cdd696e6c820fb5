using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

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
        var layout = new Layout(Bands(sampleRate, stft.NFft, fmin, bands, quantile));
        int frames = stft.FrameCount(samples.Length), rows = layout.Rows;
        var peak = new float[rows * frames];
        var valley = new float[rows * frames];
        Stft.ForEachPowerBatch<double>(samples, stft, 0, (first, count, power, _) => layout.Batch(power, first, count, peak, valley, frames));
        return Finish(peak, valley, rows, frames);
    }

    /// <summary>power_to_db of the peak and valley matrices [rows, frames] (each over its whole matrix, as librosa) and their difference, in <paramref name="peak"/>.</summary>
    internal static FeatureMatrix Finish(float[] peak, float[] valley, int rows, int frames)
    {
        Decibels.PowerToDb(peak);
        Decibels.PowerToDb(valley);
        for (int i = 0; i < peak.Length; i++) peak[i] -= valley[i];
        return new FeatureMatrix(peak, rows, frames);
    }

    /// <summary>The bands of one contrast setting and the per-frame peak/valley means over them.</summary>
    internal sealed class Layout((int Start, int Count, int Take)[] bands)
    {
        private static readonly ConcurrentDictionary<(int, int), Layout> Defaults = new();
        private readonly (int Start, int Count, int Take)[] _bands = bands;
        private readonly int _most = bands.Max(b => b.Take);

        /// <summary>The layout of librosa's defaults (fmin 200 Hz, 6 bands, quantile 0.02), shared.</summary>
        public static Layout For(int sampleRate, int nFft) => Defaults.GetOrAdd((sampleRate, nFft), k => new Layout(Bands(k.Item1, k.Item2, 200, 6, 0.02)));

        /// <summary>Bands + 1.</summary>
        public int Rows => _bands.Length;

        /// <summary>Peak and valley means of one batch of power spectra (one frame per lane) into columns first.. of [rows, frames].</summary>
        /// <remarks>Only the <c>take</c> smallest and largest magnitudes of a band matter, so they are selected (on the power,
        /// whose order √ keeps) instead of sorting the band; they are summed in the order the sorted band would give.</remarks>
        public void Batch(ReadOnlySpan<Vector<double>> power, int first, int count, float[] peak, float[] valley, int frames)
        {
            Span<double> low = stackalloc double[_most];
            Span<double> high = stackalloc double[_most];
            var values = MemoryMarshal.Cast<Vector<double>, double>(power);
            int lanes = Vector<double>.Count;
            for (int k = 0; k < _bands.Length; k++)
            {
                var (start, length, take) = _bands[k];
                var lo = low[..take];
                var hi = high[..take];
                for (int l = 0; l < count; l++)
                {
                    // lo ascending (the take smallest so far), hi descending (the take largest so far).
                    int filled = 0;
                    for (int i = 0; i < length; i++)
                    {
                        double v = values[(start + i) * lanes + l];
                        if (filled < take) { Insert(lo, filled, v, ascending: true); Insert(hi, filled, v, ascending: false); filled++; continue; }
                        if (v < lo[take - 1]) Insert(lo, take - 1, v, ascending: true);
                        if (v > hi[take - 1]) Insert(hi, take - 1, v, ascending: false);
                    }
                    double a = 0, b = 0;
                    for (int i = 0; i < take; i++) { a += Math.Sqrt(lo[i]); b += Math.Sqrt(hi[i]); }
                    valley[k * frames + first + l] = (float)(a / take);
                    peak[k * frames + first + l] = (float)(b / take);
                }
            }
        }

        // Places v in sorted[0..used] (used slots hold values; the slot at used is free or is dropped), keeping the order.
        private static void Insert(Span<double> sorted, int used, double v, bool ascending)
        {
            int i = used;
            while (i > 0 && (ascending ? sorted[i - 1] > v : sorted[i - 1] < v)) { sorted[i] = sorted[i - 1]; i--; }
            sorted[i] = v;
        }
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
