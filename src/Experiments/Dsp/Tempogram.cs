using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// The autocorrelation tempogram as librosa.feature.tempogram (centred, Hann window, each frame divided by its largest
/// value), and librosa.feature.tempo's global estimate from it. Lags are counted in frames.
/// </summary>
public static class Tempogram
{
    /// <summary>librosa's default window: 384 frames (≈ 8.9 s at 22 050 Hz, hop 512).</summary>
    public const int DefaultWindow = 384;

    /// <summary>The tempogram [window lags, frames] of an onset envelope.</summary>
    public static FeatureMatrix Compute(ReadOnlySpan<float> onset, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        int n = onset.Length, half = window / 2;
        // np.pad(mode="linear_ramp", end_values=0): ramps from 0 at the outer end to the edge value.
        var padded = new double[n + 2 * half];
        for (int i = 0; i < n; i++) padded[half + i] = onset[i];
        if (n > 0)
            for (int i = 0; i < half; i++)
            {
                padded[i] = onset[0] * (double)i / half;
                padded[half + n + half - 1 - i] = onset[n - 1] * (double)i / half;
            }
        var hann = new double[window];
        for (int t = 0; t < window; t++) hann[t] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * t / window);
        var result = new float[(long)window * n];
        // Each frame's autocorrelation through its power spectrum (Wiener–Khinchin), as librosa.autocorrelate does:
        // zero-padding to ≥ 2·window − 1 makes the circular correlation the linear one for every lag < window.
        // The power spectrum is real and even, so one more forward real FFT of it gives n_fft times the correlation.
        int nFft = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, 2 * window - 1));
        var plan = RealLaneFft<double>.For(nFft);
        int lanes = Vector<double>.Count, bins = plan.Bins;
        var offsets = plan.SampleOffsets;
        var buffer = ArrayPool<Vector<double>>.Shared.Rent(2 * bins + plan.WorkLength);
        try
        {
            var re = buffer.AsSpan(0, bins);
            var im = buffer.AsSpan(bins, bins);
            var work = buffer.AsSpan(2 * bins, plan.WorkLength);
            var values = MemoryMarshal.Cast<Vector<double>, double>(work);
            for (int first = 0; first < n; first += lanes)
            {
                int count = Math.Min(lanes, n - first);
                work[..nFft].Clear();
                for (int l = 0; l < count; l++)
                    for (int t = 0; t < window; t++) values[offsets[t] * lanes + l] = padded[first + l + t] * hann[t];
                plan.ForwardLoaded(re, im, work);
                for (int k = 0; k < bins; k++) re[k] = re[k] * re[k] + im[k] * im[k];
                for (int t = 0; t < nFft; t++) work[offsets[t]] = re[t < bins ? t : nFft - t];
                plan.ForwardLoaded(re, im, work);
                for (int l = 0; l < count; l++)
                {
                    double max = 0;
                    for (int lag = 0; lag < window; lag++) max = Math.Max(max, Math.Abs(re[lag][l]));
                    // Frames whose largest value is below float32's smallest normal stay unscaled, as librosa.util.normalize leaves them.
                    double scale = max / nFft < 1.1754943508222875e-38 ? 1.0 / nFft : 1 / max;
                    for (int lag = 0; lag < window; lag++) result[(long)lag * n + first + l] = (float)(re[lag][l] * scale);
                }
            }
        }
        finally
        {
            ArrayPool<Vector<double>>.Shared.Return(buffer);
        }
        return new FeatureMatrix(result, window, n);
    }

    /// <summary>librosa.feature.tempo with its defaults (8 s window, log-normal prior around 120 BPM with 1 octave std, max 320 BPM, mean over frames).</summary>
    public static double Tempo(ReadOnlySpan<float> onset, int sampleRate, int hopLength, double startBpm = 120, double stdBpm = 1, double acSeconds = 8, double maxTempo = 320)
    {
        int window = Math.Max(1, (int)(acSeconds * sampleRate) / hopLength);
        if (onset.Length == 0) return startBpm;
        var tg = Compute(onset, window);
        int n = tg.Columns;
        double best = double.NegativeInfinity;
        double tempo = startBpm;
        for (int lag = 1; lag < window; lag++)
        {
            double bpm = 60.0 * sampleRate / (hopLength * (double)lag);
            if (bpm >= maxTempo) continue;
            double mean = 0;
            foreach (float v in tg.Row(lag)) mean += v;
            mean /= n;
            double prior = -0.5 * Math.Pow((Math.Log2(bpm) - Math.Log2(startBpm)) / stdBpm, 2);
            double score = Math.Log(1 + 1e6 * mean) + prior;
            if (score > best) { best = score; tempo = bpm; }
        }
        return tempo;
    }

    /// <summary>Lag bands (frames, [start, end)) that the tempogram is summarised on: half-octave steps from 2 to 256 frames.</summary>
    public static readonly int[] LagEdges = [2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256];

    /// <summary>The mean over frames of the tempogram, averaged within each band of <see cref="LagEdges"/> (bands past the window are 0).</summary>
    public static float[] LagBands(FeatureMatrix tempogram)
    {
        var result = new float[LagEdges.Length - 1];
        int n = tempogram.Columns;
        for (int b = 0; b < result.Length; b++)
        {
            int lo = LagEdges[b], hi = Math.Min(LagEdges[b + 1], tempogram.Rows);
            double s = 0;
            int count = 0;
            for (int lag = lo; lag < hi; lag++) { foreach (float v in tempogram.Row(lag)) s += v; count += n; }
            result[b] = count == 0 ? 0 : (float)(s / count);
        }
        return result;
    }
}
