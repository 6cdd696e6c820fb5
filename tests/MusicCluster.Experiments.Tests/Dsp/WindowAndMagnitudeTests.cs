using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class WindowAndMagnitudeTests
{
    [Fact]
    public void WindowsArePeriodic()
    {
        var hann = Window.Create(WindowKind.Hann, 8);
        Assert.Equal([0f, 0.14644662f, 0.5f, 0.8535534f, 1f, 0.8535534f, 0.5f, 0.14644662f], hann);
        var hamming = Window.Create(WindowKind.Hamming, 8);
        Assert.Equal(0.08f, hamming[0], 6);
        Assert.Equal(1f, hamming[4], 6);
        var centred = Window.Centered(WindowKind.Hann, 4, 8);
        Assert.Equal([0f, 0f, 0f, 0.5f, 1f, 0.5f, 0f, 0f], centred);
    }

    [Fact]
    public void MagnitudeMelIsTheFilterBankOfTheSquareRootSpectrum()
    {
        var y = TestSignals.Create("chord", 8192);
        var settings = new LogMelSettings(Power: 1.0, Mels: 32);
        var mel = LogMelSpectrogram.MelPower(y, settings);
        var power = Stft.PowerSpectrogram(y, settings.Stft);
        var bank = settings.CreateFilterBank();
        var expected = new double[mel.Rows * mel.Columns];
        for (int m = 0; m < mel.Rows; m++)
            for (int f = 0; f < mel.Columns; f++)
            {
                double sum = 0;
                for (int k = 0; k < bank.Bins; k++) sum += bank.Weights[m * bank.Bins + k] * Math.Sqrt(power[k, f]);
                expected[m * mel.Columns + f] = sum;
            }
        Agreement.Close(expected, mel.Data, "magnitude mel", 1e-5);
    }

    [Fact]
    public void NonPowerOfTwoFftSizeWorksEndToEnd()
    {
        var y = TestSignals.Create("chirp");
        var odd = LogMelSpectrogram.Compute(y, new LogMelSettings(NFft: 1999, HopLength: 500, Mels: 40));
        Assert.Equal(1 + y.Length / 500, odd.Columns);
        Assert.All(odd.Data, v => Assert.True(float.IsFinite(v)));
    }
}
