using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Audio;

public class ResamplerTests
{
    private static float[] Tone(double hz, int rate, int length, double amplitude = 0.5)
        => Enumerable.Range(0, length).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    [Theory]
    [InlineData(44100, 22050)]
    [InlineData(48000, 22050)]
    [InlineData(8000, 22050)]
    [InlineData(16000, 22050)]
    [InlineData(44101, 22050)]
    public void PreservesAnInBandToneAndHasTheExpectedLength(int from, int to)
    {
        int n = from / 2;
        var y = Resampler.Resample(Tone(1000, from, n), from, to);
        Assert.Equal((long)Math.Ceiling((double)n * to / from), y.Length);
        var expected = Tone(1000, to, y.Length);
        int margin = to / 20; // edge effects of the zero padding
        double maxErr = 0;
        for (int i = margin; i < y.Length - margin; i++) maxErr = Math.Max(maxErr, Math.Abs(y[i] - expected[i]));
        Assert.True(maxErr < 2e-3, $"max error {maxErr}");
    }

    [Theory]
    [InlineData(1_048_573, 22050)]   // a FLAC header's 20-bit rate: no common factor with 22050
    [InlineData(4_194_304, 22050)]   // the highest rate a WAV header may give
    public void AnExtremeRatioKeepsTheToneWithABoundedFilterTable(int from, int to)
    {
        // The exact table would be 4097 phases × thousands of taps (hundreds of MiB); the bounded one interpolates between rows.
        var x = Tone(1000, from, from / 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var y = Resampler.Resample(x, from, to);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4 * x.Length + (8L << 20), $"allocated {allocated >> 20} MiB");
        var expected = Tone(1000, to, y.Length);
        double maxErr = 0;
        for (int i = y.Length / 4; i < 3 * y.Length / 4; i++) maxErr = Math.Max(maxErr, Math.Abs(y[i] - expected[i]));
        Assert.True(maxErr < 2e-3, $"max error {maxErr}");
    }

    [Fact]
    public void DownsamplingRemovesToneAboveTheNewNyquist()
    {
        // 15 kHz at 44.1 kHz would alias to 7.05 kHz at 22.05 kHz if it were not filtered out.
        var y = Resampler.Resample(Tone(15000, 44100, 44100), 44100, 22050);
        var middle = y.AsSpan(2048, 8192).ToArray();
        double rms = Math.Sqrt(middle.Average(v => (double)v * v));
        Assert.True(rms < 0.5 / Math.Sqrt(2) * 1e-3, $"aliased energy rms {rms}");
        // and a linear-interpolating decimator would not: sanity-check that the tone is really there.
        Assert.True(Math.Sqrt(Tone(15000, 44100, 4096).Average(v => (double)v * v)) > 0.3);
    }

    [Fact]
    public void SameRateIsACopyAndEmptyStaysEmpty()
    {
        var x = Tone(440, 22050, 100);
        Assert.Equal(x, Resampler.Resample(x, 22050, 22050));
        Assert.Empty(Resampler.Resample([], 44100, 22050));
    }

    [Fact]
    public void SpectrumAfterResamplingPeaksAtTheToneFrequency()
    {
        var y = Resampler.Resample(Tone(3000, 48000, 48000), 48000, 22050);
        var re = new float[1025];
        var im = new float[1025];
        var frame = y.AsSpan(4096, 2048).ToArray();
        var w = Window.Create(WindowKind.Hann, 2048);
        for (int i = 0; i < frame.Length; i++) frame[i] *= w[i];
        RealFft.Forward(frame, re, im);
        int peak = 0;
        for (int k = 1; k < 1025; k++) if (re[k] * re[k] + im[k] * im[k] > re[peak] * re[peak] + im[peak] * im[peak]) peak = k;
        Assert.Equal(Math.Round(3000.0 * 2048 / 22050), peak);
    }
}
