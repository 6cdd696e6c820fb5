using System.Numerics;
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
        var frames = FrameSeries(samples, settings, out var logMel);
        var mfcc = Mfcc.FromLogMel(logMel, settings.Coefficients);
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
        var lm = settings.LogMel;
        lm.Validate();
        if (lm.Power != 2.0) throw new ArgumentOutOfRangeException(nameof(settings), "spectral statistics use a power (2.0) mel spectrogram");
        var stft = lm.Stft;
        var bank = lm.CreateFilterBank();
        int n = stft.FrameCount(samples.Length), bins = stft.Bins;
        var series = new float[6][];
        for (int i = 0; i < series.Length; i++) series[i] = new float[n];
        var mel = new float[lm.Mels * n];
        var freq = new double[bins];
        for (int k = 0; k < bins; k++) freq[k] = (double)k * lm.SampleRate / lm.NFft;
        var roll = new D(settings.RollPercent);
        var amin = new D(lm.AMin);
        var tiny = new D(1.1754943508222875e-38); // np.finfo(float32).tiny: librosa.util.normalize leaves smaller sums unscaled

        // Float64 STFT: in float32 the FFT's rounding floor (~1e-7 of the peak) in the high bins, weighted by f²,
        // would shift the bandwidth of tonal frames by a few per cent against librosa (which transforms in float64).
        Stft.ForEachPowerBatch<double>(samples, stft, bins + lm.Mels, (first, count, power, scratch) =>
        {
            var mag = scratch[..bins];
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
            D threshold = roll * sum, cumulative = D.Zero, rolloff = D.Zero;
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
            var melBatch = scratch.Slice(bins, lm.Mels);
            bank.Apply(power, melBatch);
            var dst = mel.AsSpan();
            for (int m = 0; m < lm.Mels; m++) Stft.StoreLanes(melBatch[m], dst.Slice(m * n + first), count);
        });
        TimeDomain(samples, stft, series[4], series[5]);
        LogMelSpectrogram.ToDb(mel, lm);
        logMel = new FeatureMatrix(mel, lm.Mels, n);
        return series;
    }

    // Zero-crossing rate on edge-padded frames (|x| ≤ 1e-10 counts as zero, a sign change needs differing sign bits)
    // and RMS on zero-padded frames, with librosa's framing.
    private static void TimeDomain(ReadOnlySpan<float> samples, StftSettings stft, float[] zcr, float[] rms)
    {
        int len = stft.NFft, pad = stft.Center ? len / 2 : 0;
        var x = new float[samples.Length + 2 * pad];
        samples.CopyTo(x.AsSpan(pad));
        var signs = new bool[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int src = Math.Clamp(i - pad, 0, Math.Max(0, samples.Length - 1));
            float v = samples.Length == 0 ? 0f : samples[src];
            signs[i] = Math.Abs(v) > 1e-10f && float.IsNegative(v);
        }
        int frames = zcr.Length;
        Parallel.For(0, frames, new ParallelOptions { MaxDegreeOfParallelism = frames > 256 ? -1 : 1 }, f =>
        {
            int start = f * stft.HopLength;
            int changes = 0;
            for (int t = start + 1; t < start + len; t++) changes += signs[t] != signs[t - 1] ? 1 : 0;
            zcr[f] = (float)changes / len;
            double sq = 0;
            foreach (float v in x.AsSpan(start, len)) sq += (double)v * v;
            rms[f] = (float)Math.Sqrt(sq / len);
        });
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
