using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class StftTests
{
    [Fact]
    public void PowerSpectrogramAgreesWithTorchStft()
    {
        var fx = Fixture.Load("dsp/stft.json");
        var seen = new HashSet<string>();
        foreach (var p in fx.Root.EnumerateObject())
        {
            var c = fx.Child(p.Name);
            var y = TestSignals.Create(c.String("signal"))[..(int)c.Scalar("length")];
            var settings = new StftSettings((int)c.Scalar("n_fft"), (int)c.Scalar("hop"),
                PadMode: c.String("pad_mode") == "reflect" ? PadMode.Reflect : PadMode.Constant);
            var power = Stft.PowerSpectrogram(y, settings);
            Assert.Equal<int>(c.Shape("power"), new[] { power.Rows, power.Columns });
            Agreement.Close(c.Doubles("power"), power.Data, p.Name);
            seen.Add(c.String("signal"));
        }
        Assert.Equal(TestSignals.Names.Order(), seen.Order());
    }

    [Theory]
    [InlineData(10, 4, PadMode.Reflect, new float[] { 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5 })]
    [InlineData(3, 4, PadMode.Reflect, new float[] { 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2 })]
    [InlineData(3, 2, PadMode.Constant, new float[] { 0, 0, 0, 1, 2, 0, 0 })]
    public void PaddingFollowsNumpy(int length, int pad, PadMode mode, float[] expected)
    {
        var x = Enumerable.Range(0, length).Select(i => (float)i).ToArray();
        Assert.Equal(expected, Stft.Pad(x, pad, mode));
    }

    [Fact]
    public void FrameCountIsLibrosas()
    {
        var s = new StftSettings();
        Assert.Equal(22, s.FrameCount(11025));
        Assert.Equal(1, s.FrameCount(0));
        Assert.Equal(0, (s with { Center = false }).FrameCount(2047));
        Assert.Equal(2, (s with { Center = false }).FrameCount(2560));
    }

    [Fact]
    public void ResultDoesNotDependOnThreadScheduling()
    {
        var y = TestSignals.Create("noise", 22050 * 3);
        var a = LogMelSpectrogram.Compute(y, new LogMelSettings());
        var b = LogMelSpectrogram.Compute(y, new LogMelSettings());
        Assert.Equal(a.Data, b.Data);
        // A frame's values do not depend on its neighbours: the first frames of a prefix equal the full run's.
        var prefix = LogMelSpectrogram.MelPower(y.AsSpan(0, 22050), new LogMelSettings());
        var full = LogMelSpectrogram.MelPower(y, new LogMelSettings());
        for (int m = 0; m < prefix.Rows; m++)
            for (int f = 0; f < prefix.Columns - 4; f++) Assert.Equal(full[m, f], prefix[m, f]);
    }
}
