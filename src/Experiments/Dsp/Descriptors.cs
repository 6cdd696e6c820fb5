namespace MusicCluster.Experiments.Dsp;

/// <summary>One named column of the descriptor vector and the group it belongs to (groups are weighted as blocks).</summary>
public readonly record struct DescriptorColumn(string Name, string Group);

/// <summary>
/// Timbre, harmony and rhythm descriptors of one track as one vector of named columns, in groups:
/// mfcc (mean/std of each MFCC), mfcc_delta (mean/std of Δ and ΔΔ, librosa.feature.delta width 9), contrast
/// (mean/std of the 7 spectral-contrast bands), chroma (mean/std of 12 STFT chroma bins), shape (mean/std of
/// centroid, bandwidth, roll-off, flatness, zero-crossing rate, RMS), rhythm (onset strength mean/std, the mean
/// autocorrelation tempogram on half-octave lag bands, log2 of the tempo estimate) and modulation (log energy of
/// 8 coarse mel bands in 0.25–16 Hz octave bands).
/// </summary>
public static class Descriptors
{
    /// <summary>The groups, in column order.</summary>
    public static readonly string[] Groups = ["mfcc", "mfcc_delta", "contrast", "chroma", "shape", "rhythm", "modulation"];

    /// <summary>Coarse mel bands of the modulation spectrum.</summary>
    public const int ModulationBands = 8;

    private static readonly string[] ShapeNames = ["spectral_centroid", "spectral_bandwidth", "spectral_rolloff", "spectral_flatness", "zero_crossing_rate", "rms"];

    /// <summary>Every column, in order.</summary>
    public static IReadOnlyList<DescriptorColumn> Columns(SpectralSettings settings)
    {
        var c = new List<DescriptorColumn>();
        void MeanStd(string name, string group) { c.Add(new(name + "_mean", group)); c.Add(new(name + "_std", group)); }
        for (int i = 0; i < settings.Coefficients; i++) MeanStd($"mfcc_{i:00}", "mfcc");
        for (int i = 0; i < settings.Coefficients; i++) MeanStd($"mfcc_delta_{i:00}", "mfcc_delta");
        for (int i = 0; i < settings.Coefficients; i++) MeanStd($"mfcc_delta2_{i:00}", "mfcc_delta");
        for (int i = 0; i < 7; i++) MeanStd($"contrast_{i}", "contrast");
        foreach (var p in ChromaStft.PitchClasses) MeanStd($"chroma_{p}", "chroma");
        foreach (var s in ShapeNames) MeanStd(s, "shape");
        MeanStd("onset_strength", "rhythm");
        var lags = Tempogram.LagEdges;
        for (int b = 0; b + 1 < lags.Length; b++) c.Add(new($"tempogram_lag_{lags[b]:000}_{lags[b + 1]:000}", "rhythm"));
        c.Add(new("tempo_log2_bpm", "rhythm"));
        var e = ModulationSpectrum.Edges;
        for (int m = 0; m < ModulationBands; m++)
            for (int o = 0; o + 1 < e.Length; o++)
                c.Add(new(FormattableString.Invariant($"modulation_band{m}_{e[o]:0.##}_{e[o + 1]:0.##}hz"), "modulation"));
        return c;
    }

    /// <summary>The descriptor vector of one track (sample rate and STFT from <paramref name="settings"/>).</summary>
    public static float[] Compute(ReadOnlySpan<float> samples, SpectralSettings settings)
    {
        var pass = SpectralPass.Run(samples, settings, descriptors: true, parallel: true);
        return FromPass(pass, Mfcc.FromLogMel(pass.LogMel, settings.Coefficients), settings);
    }

    /// <summary>The descriptor vector from a <see cref="SpectralPass"/> run with descriptors and the MFCCs of its log-mel.</summary>
    internal static float[] FromPass(SpectralPass pass, FeatureMatrix mfcc, SpectralSettings settings)
    {
        var lm = settings.LogMel;
        var logMel = pass.LogMel;
        var onset = OnsetStrength.FromLogMel(logMel, lm.NFft, lm.HopLength);
        var tempogram = Tempogram.Compute(onset);
        double tempo = Tempogram.Tempo(onset, lm.SampleRate, lm.HopLength);
        var modulation = ModulationSpectrum.Compute(logMel, (double)lm.SampleRate / lm.HopLength, ModulationBands);

        var v = new float[Columns(settings).Count];
        int o = 0;
        void Rows(FeatureMatrix m) { for (int r = 0; r < m.Rows; r++) o = SpectralStatistics.MeanStd(m.Row(r), v, o); }
        void Values(ReadOnlySpan<float> x) { x.CopyTo(v.AsSpan(o)); o += x.Length; }
        Rows(mfcc);
        Rows(Delta.Compute(mfcc, 1));
        Rows(Delta.Compute(mfcc, 2));
        Rows(pass.Contrast ?? throw new ArgumentException("the spectral pass was run without descriptors", nameof(pass)));
        Rows(pass.Chroma!);
        foreach (var s in pass.Series) o = SpectralStatistics.MeanStd(s, v, o);
        o = SpectralStatistics.MeanStd(onset, v, o);
        Values(Tempogram.LagBands(tempogram));
        Values([(float)Math.Log2(tempo)]);
        Values(modulation.Data);
        return v;
    }
}
