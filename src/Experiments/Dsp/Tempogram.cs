using System.Numerics.Tensors;

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
        var frame = new double[window];
        var ac = new double[window];
        for (int f = 0; f < n; f++)
        {
            for (int t = 0; t < window; t++) frame[t] = padded[f + t] * hann[t];
            double max = 0;
            for (int lag = 0; lag < window; lag++)
            {
                ac[lag] = TensorPrimitives.Dot<double>(frame.AsSpan(0, window - lag), frame.AsSpan(lag, window - lag));
                max = Math.Max(max, Math.Abs(ac[lag]));
            }
            double scale = max < 1.1754943508222875e-38 ? 1 : 1 / max;
            for (int lag = 0; lag < window; lag++) result[(long)lag * n + f] = (float)(ac[lag] * scale);
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
