using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

/// <summary>The fused extraction path (one STFT for everything, selection instead of sorting, FFT autocorrelation)
/// against the computations it replaced, written out plainly here.</summary>
public class SharedSpectralPassTests
{
    public static TheoryData<string> Signals() => ["chord", "noise", "chirp", "pulses", "silence"];

    private static float[] Signal(string name) => TestSignals.Create(name, name == "pulses" ? TestSignals.PulsesLength : 3 * TestSignals.SampleRate);

    [Theory]
    [MemberData(nameof(Signals))]
    public void OnePassGivesExactlyWhatEachFunctionGivesFromItsOwnStft(string name)
    {
        var y = Signal(name);
        var s = new SpectralSettings();
        var pass = SpectralPass.Run(y, s, descriptors: true, parallel: false);
        var series = SpectralStatistics.FrameSeries(y, s, out var logMel);
        Assert.Equal(logMel.Data, pass.LogMel.Data);
        for (int i = 0; i < series.Length; i++) Assert.Equal(series[i], pass.Series[i]);
        Assert.Equal(ChromaStft.Compute(y, s.LogMel.SampleRate, s.LogMel.Stft).Data, pass.Chroma!.Data);
        Assert.Equal(SpectralContrast.Compute(y, s.LogMel.SampleRate, s.LogMel.Stft).Data, pass.Contrast!.Data);
        Assert.Equal(Descriptors.Compute(y, s), Descriptors.FromPass(pass, Mfcc.FromLogMel(pass.LogMel, s.Coefficients), s));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void ContrastSelectionEqualsSortingEachBand(string name)
    {
        var y = Signal(name);
        var stft = new StftSettings();
        var power = Stft.PowerSpectrogram(y, stft); // float32 STFT: any spectrum will do, both sides read the same one
        int frames = power.Columns;
        var layout = SpectralContrast.Bands(22050, stft.NFft, 200, 6, 0.02);
        var vectors = new System.Numerics.Vector<double>[power.Rows];
        int lanes = System.Numerics.Vector<double>.Count;
        for (int first = 0; first < frames; first += lanes)
        {
            int count = Math.Min(lanes, frames - first);
            var lane = new double[lanes];
            for (int k = 0; k < power.Rows; k++)
            {
                Array.Clear(lane);
                for (int l = 0; l < count; l++) lane[l] = power[k, first + l];
                vectors[k] = new System.Numerics.Vector<double>(lane);
            }
            var peak = new float[layout.Length * frames];
            var valley = new float[layout.Length * frames];
            new SpectralContrast.Layout(layout).Batch(vectors, first, count, peak, valley, frames);
            for (int b = 0; b < layout.Length; b++)
            {
                var (start, length, take) = layout[b];
                for (int l = 0; l < count; l++)
                {
                    var band = new double[length];
                    for (int i = 0; i < length; i++) band[i] = Math.Sqrt(vectors[start + i][l]);
                    Array.Sort(band);
                    double lo = 0, hi = 0;
                    for (int i = 0; i < take; i++) { lo += band[i]; hi += band[length - 1 - i]; }
                    Assert.Equal((float)(lo / take), valley[b * frames + first + l]);
                    Assert.Equal((float)(hi / take), peak[b * frames + first + l]);
                }
            }
        }
    }

    [Theory]
    [InlineData(216, 384)]
    [InlineData(1292, 384)]
    [InlineData(216, 344)]
    [InlineData(50, 17)]
    [InlineData(3, 1)]
    public void FftTempogramEqualsTheDirectAutocorrelation(int frames, int window)
    {
        var rng = new Random(frames * 1000 + window);
        var onset = new float[frames];
        for (int i = 0; i < frames; i++) onset[i] = i % 37 < 5 ? 0f : (float)(rng.NextDouble() * (i % 11 == 0 ? 8 : 1));
        var fast = Tempogram.Compute(onset, window);
        var direct = Direct(onset, window);
        Assert.Equal(direct.Length, fast.Data.Length);
        for (int i = 0; i < direct.Length; i++) Assert.True(Math.Abs(direct[i] - fast.Data[i]) <= 1e-6, $"value {i}: {fast.Data[i]} vs {direct[i]}");
    }

    [Fact]
    public void FftTempogramOfSilenceIsZero()
    {
        Assert.All(Tempogram.Compute(new float[300]).Data, v => Assert.Equal(0f, v));
    }

    // The per-lag dot products librosa's definition spells out (the previous implementation).
    private static float[] Direct(float[] onset, int window)
    {
        int n = onset.Length, half = window / 2;
        var padded = new double[n + 2 * half];
        for (int i = 0; i < n; i++) padded[half + i] = onset[i];
        for (int i = 0; i < half; i++)
        {
            padded[i] = onset[0] * (double)i / half;
            padded[half + n + half - 1 - i] = onset[n - 1] * (double)i / half;
        }
        var result = new float[window * n];
        var frame = new double[window];
        var ac = new double[window];
        for (int f = 0; f < n; f++)
        {
            for (int t = 0; t < window; t++) frame[t] = padded[f + t] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * t / window));
            double max = 0;
            for (int lag = 0; lag < window; lag++)
            {
                double s = 0;
                for (int t = 0; t + lag < window; t++) s += frame[t] * frame[t + lag];
                ac[lag] = s;
                max = Math.Max(max, Math.Abs(s));
            }
            double scale = max < 1.1754943508222875e-38 ? 1 : 1 / max;
            for (int lag = 0; lag < window; lag++) result[lag * n + f] = (float)(ac[lag] * scale);
        }
        return result;
    }
}
