using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>
/// Chroma from the power STFT as librosa.feature.chroma_stft with tuning fixed at 0 (librosa estimates it by default):
/// librosa.filters.chroma (12 bins, centre octave 5, octave width 2, L2-normalised columns, C first) applied to |X|²,
/// then each frame divided by its maximum (frames whose maximum is below float32's smallest normal stay as they are).
/// </summary>
public static class ChromaStft
{
    /// <summary>Pitch-class names, C first.</summary>
    public static readonly string[] PitchClasses = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>The chroma [12, frames] of <paramref name="samples"/>.</summary>
    public static FeatureMatrix Compute(ReadOnlySpan<float> samples, int sampleRate, StftSettings stft)
    {
        var w = FilterBank(sampleRate, stft.NFft);
        int bins = stft.NFft / 2 + 1, frames = stft.FrameCount(samples.Length);
        var chroma = new float[12 * frames];
        Stft.ForEachPowerBatch<double>(samples, stft, 12, (first, count, power, acc) => Batch(power, w, first, count, chroma, frames, acc));
        return new FeatureMatrix(chroma, 12, frames);
    }

    /// <summary>Chroma of one batch of power spectra (one frame per lane) into columns first.. of <paramref name="chroma"/> [12, frames].</summary>
    /// <remarks><paramref name="acc"/> is work space of 12 vectors.</remarks>
    internal static void Batch(ReadOnlySpan<Vector<double>> power, double[] w, int first, int count, float[] chroma, int frames, Span<Vector<double>> acc)
    {
        int bins = power.Length;
        for (int c = 0; c < 12; c++)
        {
            var s = Vector<double>.Zero;
            var row = w.AsSpan(c * bins, bins);
            for (int k = 0; k < bins; k++) s += power[k] * row[k];
            acc[c] = s;
        }
        for (int l = 0; l < count; l++)
        {
            double max = 0;
            for (int c = 0; c < 12; c++) max = Math.Max(max, Math.Abs(acc[c][l]));
            double scale = max < 1.1754943508222875e-38 ? 1 : 1 / max;
            for (int c = 0; c < 12; c++) chroma[c * frames + first + l] = (float)(acc[c][l] * scale);
        }
    }

    /// <summary>librosa.filters.chroma(sr, n_fft, n_chroma=12, tuning=0, ctroct=5, octwidth=2, norm=2, base_c=True) as [12, bins], in double.</summary>
    public static double[] FilterBank(int sampleRate, int nFft)
    {
        const int n = 12;
        var frq = new double[nFft];
        for (int k = 1; k < nFft; k++) frq[k] = n * Math.Log2((double)k * sampleRate / nFft / (440.0 / 16));
        frq[0] = frq[1] - 1.5 * n;
        var width = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) width[k] = Math.Max(frq[k + 1] - frq[k], 1.0);
        width[nFft - 1] = 1;
        var wts = new double[n * nFft];
        for (int k = 0; k < nFft; k++)
        {
            double norm = 0;
            for (int c = 0; c < n; c++)
            {
                double d = frq[k] - c;
                d = ((d + 6 + 10 * n) % n + n) % n - 6;
                double v = Math.Exp(-0.5 * Math.Pow(2 * d / width[k], 2));
                wts[c * nFft + k] = v;
                norm += v * v;
            }
            norm = Math.Sqrt(norm);
            double octave = Math.Exp(-0.5 * Math.Pow((frq[k] / n - 5.0) / 2.0, 2));
            for (int c = 0; c < n; c++) wts[c * nFft + k] = (norm < 1.1754943508222875e-38 ? wts[c * nFft + k] : wts[c * nFft + k] / norm) * octave;
        }
        int bins = nFft / 2 + 1;
        var result = new double[n * bins];
        for (int c = 0; c < n; c++)
        {
            int src = (c + 3) % n; // base_c: roll by −3 so that row 0 is C
            for (int k = 0; k < bins; k++) result[c * bins + k] = wts[src * nFft + k];
        }
        return result;
    }
}
