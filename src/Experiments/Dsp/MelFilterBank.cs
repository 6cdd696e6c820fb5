using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>The Hz ↔ mel mapping.</summary>
public enum MelScale
{
    /// <summary>Slaney's Auditory Toolbox scale: linear below 1 kHz, logarithmic above (librosa's default).</summary>
    Slaney,

    /// <summary>HTK: 2595 · log10(1 + f / 700).</summary>
    Htk,
}

/// <summary>
/// Triangular mel filters over FFT bins, built as librosa.filters.mel documents them (in double, stored as float).
/// Each filter touches a short run of bins, so it is applied as a sparse sum rather than a dense matrix product.
/// </summary>
public sealed class MelFilterBank
{
    private readonly int[] _start, _length;

    /// <summary>Builds <paramref name="nMels"/> filters for an <paramref name="nFft"/>-point FFT at <paramref name="sampleRate"/> Hz.</summary>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="nFft">FFT size.</param>
    /// <param name="nMels">Number of filters.</param>
    /// <param name="fmin">Lower edge in Hz.</param>
    /// <param name="fmax">Upper edge; null means sampleRate / 2.</param>
    /// <param name="scale">Slaney or HTK mel scale.</param>
    /// <param name="slaneyNorm">Divide each triangle by its width in Hz (constant energy per channel, librosa's norm="slaney").</param>
    public MelFilterBank(int sampleRate, int nFft, int nMels, double fmin = 0, double? fmax = null, MelScale scale = MelScale.Slaney, bool slaneyNorm = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nFft);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nMels);
        double top = fmax ?? sampleRate / 2.0;
        if (fmin < 0 || top <= fmin) throw new ArgumentOutOfRangeException(nameof(fmin), $"need 0 ≤ fmin < fmax (got {fmin}, {top})");
        Mels = nMels;
        Bins = nFft / 2 + 1;
        Weights = new float[nMels * Bins];
        _start = new int[nMels];
        _length = new int[nMels];

        double melMin = HzToMel(fmin, scale), melMax = HzToMel(top, scale);
        var edges = new double[nMels + 2];
        for (int i = 0; i < edges.Length; i++) edges[i] = MelToHz(melMin + (melMax - melMin) * i / (nMels + 1), scale);
        for (int m = 0; m < nMels; m++)
        {
            double lo = edges[m], mid = edges[m + 1], hi = edges[m + 2];
            double norm = slaneyNorm ? 2.0 / (hi - lo) : 1.0;
            int first = -1, last = -1;
            for (int k = 0; k < Bins; k++)
            {
                double f = (double)k * sampleRate / nFft;
                double w = Math.Max(0, Math.Min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
                if (w <= 0) continue;
                Weights[m * Bins + k] = (float)(w * norm);
                if (first < 0) first = k;
                last = k;
            }
            _start[m] = Math.Max(first, 0);
            _length[m] = first < 0 ? 0 : last - first + 1;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LogMelSettings, MelFilterBank> SharedBanks = new();

    /// <summary>The filter bank of <paramref name="settings"/>, built once per distinct settings and shared (it is immutable once built).</summary>
    internal static MelFilterBank Shared(LogMelSettings settings) => SharedBanks.GetOrAdd(settings, s => s.CreateFilterBank());

    /// <summary>Number of filters.</summary>
    public int Mels { get; }

    /// <summary>Number of FFT bins, n_fft/2 + 1.</summary>
    public int Bins { get; }

    /// <summary>The dense [mels, bins] weight matrix.</summary>
    public float[] Weights { get; }

    /// <summary>mel[m] = Σ_k W[m, k] · spectrum[k], lane-parallel over frames.</summary>
    internal void Apply<T>(ReadOnlySpan<Vector<T>> spectrum, Span<Vector<T>> mel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int m = 0; m < Mels; m++)
        {
            var w = Weights.AsSpan(m * Bins + _start[m], _length[m]);
            var s = spectrum.Slice(_start[m], _length[m]);
            var acc = Vector<T>.Zero;
            for (int k = 0; k < w.Length; k++) acc += new Vector<T>(T.CreateTruncating(w[k])) * s[k];
            mel[m] = acc;
        }
    }

    /// <summary>Hz to mel on the given scale.</summary>
    public static double HzToMel(double hz, MelScale scale)
    {
        if (scale == MelScale.Htk) return 2595.0 * Math.Log10(1.0 + hz / 700.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.Log(hz / minLogHz) / logStep : hz / fSp;
    }

    /// <summary>Mel to Hz on the given scale.</summary>
    public static double MelToHz(double mel, MelScale scale)
    {
        if (scale == MelScale.Htk) return 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.Exp(logStep * (mel - minLogMel)) : fSp * mel;
    }
}
