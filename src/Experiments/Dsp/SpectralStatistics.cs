using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using D = System.Numerics.Vector<double>;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Settings of the per-track spectral feature vector.</summary>
/// <param name="LogMel">STFT, mel and dB settings (the spectral shape features share its n_fft, hop and padding).</param>
/// <param name="Coefficients">MFCCs kept.</param>
/// <param name="RollPercent">Energy fraction that defines the roll-off frequency.</param>
public sealed record SpectralSettings(LogMelSettings LogMel, int Coefficients = Mfcc.DefaultCoefficients, double RollPercent = 0.85)
{
    /// <summary>librosa-like defaults: 22 050 Hz, n_fft 2048, hop 512, 64 Slaney mel bands, 20 MFCCs.</summary>
    public SpectralSettings() : this(new LogMelSettings()) { }
}

/// <summary>
/// The per-track feature vector: mean and standard deviation (population) over frames of spectral centroid,
/// bandwidth, roll-off, flatness (librosa.feature.spectral_* on the magnitude STFT), zero-crossing rate
/// (edge-padded frames, librosa's zero_crossing_rate), RMS (zero-padded frames), every MFCC and every log-mel band.
/// One float64 STFT pass feeds all of them; per-frame values are reduced in float64.
/// </summary>
public static class SpectralStatistics
{
    private static readonly string[] FrameFeatures = ["spectral_centroid", "spectral_bandwidth", "spectral_rolloff", "spectral_flatness", "zero_crossing_rate", "rms"];

    /// <summary>Names of the vector's entries, in order: each feature's "_mean" then "_std".</summary>
    public static IReadOnlyList<string> FeatureNames(SpectralSettings settings)
    {
        var names = new List<string>();
        foreach (var f in FrameFeatures) { names.Add(f + "_mean"); names.Add(f + "_std"); }
        for (int i = 0; i < settings.Coefficients; i++) { names.Add($"mfcc_{i:00}_mean"); names.Add($"mfcc_{i:00}_std"); }
        for (int i = 0; i < settings.LogMel.Mels; i++) { names.Add($"logmel_{i:000}_mean"); names.Add($"logmel_{i:000}_std"); }
        return names;
    }

    /// <summary>The feature vector of one track sampled at <paramref name="sampleRate"/> Hz.</summary>
    public static float[] Compute(ReadOnlySpan<float> samples, int sampleRate, SpectralSettings? settings = null)
    {
        settings ??= new SpectralSettings();
        return Compute(samples, settings with { LogMel = settings.LogMel with { SampleRate = sampleRate } });
    }

    /// <summary>The feature vector of one track (sample rate from the settings).</summary>
    public static float[] Compute(ReadOnlySpan<float> samples, SpectralSettings settings)
    {
        var pass = SpectralPass.Run(samples, settings, descriptors: false, parallel: true);
        return FromFrames(pass.Series, pass.LogMel, Mfcc.FromLogMel(pass.LogMel, settings.Coefficients));
    }

    /// <summary>The feature vector from the per-frame series, log-mel spectrogram and MFCCs of one track.</summary>
    internal static float[] FromFrames(float[][] frames, FeatureMatrix logMel, FeatureMatrix mfcc)
    {
        var result = new float[2 * (frames.Length + mfcc.Rows + logMel.Rows)];
        int o = 0;
        foreach (var series in frames) o = MeanStd(series, result, o);
        for (int r = 0; r < mfcc.Rows; r++) o = MeanStd(mfcc.Row(r), result, o);
        for (int r = 0; r < logMel.Rows; r++) o = MeanStd(logMel.Row(r), result, o);
        return result;
    }

    /// <summary>
    /// Per-frame centroid, bandwidth, roll-off, flatness, zero-crossing rate and RMS (in that order), plus the
    /// log-mel spectrogram from the same STFT.
    /// </summary>
    public static float[][] FrameSeries(ReadOnlySpan<float> samples, SpectralSettings settings, out FeatureMatrix logMel)
    {
        var pass = SpectralPass.Run(samples, settings, descriptors: false, parallel: true);
        logMel = pass.LogMel;
        return pass.Series;
    }

    /// <summary>Centroid, bandwidth, roll-off and flatness of one batch of float64 power spectra into series[0..3].</summary>
    /// <remarks><paramref name="mag"/> is work space of one vector per bin.</remarks>
    internal static void ShapeBatch(ReadOnlySpan<D> power, Span<D> mag, int first, int count, ShapeConstants c, float[][] series)
    {
        int bins = power.Length;
        var freq = c.Frequencies;
        var amin = new D(c.AMin);
        var tiny = new D(1.1754943508222875e-38); // np.finfo(float32).tiny: librosa.util.normalize leaves smaller sums unscaled
        D sum = D.Zero, weighted = D.Zero, logSum = D.Zero, ampSum = D.Zero;
        for (int k = 0; k < bins; k++)
        {
            D s = Vector.SquareRoot(power[k]);
            mag[k] = s;
            sum += s;
            weighted += s * new D(freq[k]);
            D floored = Vector.Max(amin, power[k]);
            logSum += Vector.Log(floored);
            ampSum += floored;
        }
        D norm = Vector.ConditionalSelect(Vector.LessThan(sum, tiny), D.One, sum);
        D centroid = weighted / norm;
        D spread = D.Zero;
        for (int k = 0; k < bins; k++)
        {
            D d = new D(freq[k]) - centroid;
            spread += mag[k] / norm * d * d;
        }
        D bandwidth = Vector.SquareRoot(spread);
        // Roll-off: the first bin whose cumulative magnitude reaches roll_percent of the total.
        D threshold = new D(c.RollPercent) * sum, cumulative = D.Zero, rolloff = D.Zero;
        var found = Vector<long>.Zero;
        for (int k = 0; k < bins && Vector.EqualsAny(found, Vector<long>.Zero); k++)
        {
            cumulative += mag[k];
            var reached = Vector.AsVectorInt64(Vector.GreaterThanOrEqual(cumulative, threshold)) & ~found;
            rolloff = Vector.ConditionalSelect(reached, new D(freq[k]), rolloff);
            found |= reached;
        }
        for (int l = 0; l < count; l++)
        {
            int f = first + l;
            series[0][f] = (float)centroid[l];
            series[1][f] = (float)bandwidth[l];
            series[2][f] = (float)rolloff[l];
            series[3][f] = (float)(Math.Exp(logSum[l] / bins) / (ampSum[l] / bins));
        }
    }

    /// <summary>Bin frequencies and thresholds of <see cref="ShapeBatch"/>.</summary>
    internal sealed record ShapeConstants(double[] Frequencies, double RollPercent, double AMin)
    {
        public static ShapeConstants For(SpectralSettings settings)
        {
            var lm = settings.LogMel;
            var freq = new double[lm.Stft.Bins];
            for (int k = 0; k < freq.Length; k++) freq[k] = (double)k * lm.SampleRate / lm.NFft;
            return new ShapeConstants(freq, settings.RollPercent, lm.AMin);
        }
    }

    // Zero-crossing rate on edge-padded frames (|x| ≤ 1e-10 counts as zero, a sign change needs differing sign bits)
    // and RMS on zero-padded frames, with librosa's framing.
    internal static void TimeDomain(ReadOnlySpan<float> samples, StftSettings stft, float[] zcr, float[] rms)
    {
        int len = stft.NFft, pad = stft.Center ? len / 2 : 0, total = samples.Length + 2 * pad;
        var x = ArrayPool<double>.Shared.Rent(total);
        // changes[i]: sign changes between consecutive samples up to i, so each frame's count is one subtraction (exact).
        var changes = ArrayPool<int>.Shared.Rent(total);
        try
        {
            x.AsSpan(0, total).Clear();
            for (int i = 0; i < samples.Length; i++) x[pad + i] = samples[i];
            bool previous = false;
            int count = 0;
            for (int i = 0; i < total; i++)
            {
                int src = Math.Clamp(i - pad, 0, Math.Max(0, samples.Length - 1));
                float v = samples.Length == 0 ? 0f : samples[src];
                bool sign = Math.Abs(v) > 1e-10f && float.IsNegative(v);
                if (i > 0 && sign != previous) count++;
                changes[i] = count;
                previous = sign;
            }
            for (int f = 0; f < zcr.Length; f++)
            {
                int start = f * stft.HopLength;
                zcr[f] = (float)(changes[start + len - 1] - changes[start]) / len;
                rms[f] = (float)Math.Sqrt(TensorPrimitives.SumOfSquares<double>(x.AsSpan(start, len)) / len);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(x);
            ArrayPool<int>.Shared.Return(changes);
        }
    }

    /// <summary>Writes the population mean and standard deviation of <paramref name="values"/> (float64 sums) at result[o], result[o + 1]; returns o + 2.</summary>
    internal static int MeanStd(ReadOnlySpan<float> values, float[] result, int o)
    {
        double mean = 0;
        foreach (float v in values) mean += v;
        mean /= Math.Max(1, values.Length);
        double var = 0;
        foreach (float v in values) var += (v - mean) * (v - mean);
        var /= Math.Max(1, values.Length);
        result[o] = (float)mean;
        result[o + 1] = (float)Math.Sqrt(var);
        return o + 2;
    }
}
