using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class LogMelTests
{
    public static TheoryData<string> Signals => new(TestSignals.Names);

    [Theory]
    [MemberData(nameof(Signals))]
    public void MelLogMelAndMfccAgreeWithLibrosaFormulas(string name)
    {
        var fx = Fixture.Load($"dsp/logmel_{name}.json");
        var y = TestSignals.Create(name);
        var settings = new LogMelSettings();
        var mel = LogMelSpectrogram.MelPower(y, settings);
        Assert.Equal<int>(fx.Shape("mel_power"), new[] { mel.Rows, mel.Columns });
        Agreement.Close(fx.Doubles("mel_power"), mel.Data, "mel power");
        var db = LogMelSpectrogram.Compute(y, settings);
        Agreement.Close(fx.Doubles("log_mel"), db.Data, "power_to_db(ref=1.0)");
        Agreement.Close(fx.Doubles("log_mel_ref_max"), LogMelSpectrogram.Compute(y, settings with { RefIsMax = true }).Data, "power_to_db(ref=np.max)");
        var mfcc = Mfcc.FromLogMel(db);
        Assert.Equal<int>(fx.Shape("mfcc"), new[] { mfcc.Rows, mfcc.Columns });
        Agreement.Close(fx.Doubles("mfcc"), mfcc.Data, "mfcc");
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void SpectralStatisticsAgreeWithLibrosaFormulas(string name)
    {
        var fx = Fixture.Load($"dsp/logmel_{name}.json");
        var y = TestSignals.Create(name);
        var settings = new SpectralSettings();
        var series = SpectralStatistics.FrameSeries(y, settings, out _);
        var expected = fx.Doubles("frame_series");
        int frames = series[0].Length;
        string[] names = ["centroid", "bandwidth", "rolloff", "flatness", "zcr", "rms"];
        for (int i = 0; i < series.Length; i++)
            Agreement.Close(expected.AsSpan(i * frames, frames), series[i], names[i]);
        var vector = SpectralStatistics.Compute(y, TestSignals.SampleRate, settings);
        Assert.Equal(SpectralStatistics.FeatureNames(settings).Count, vector.Length);
        Agreement.Close(fx.Doubles("statistics"), vector, "statistics");
    }

    [Fact]
    public void FeatureNamesAreUniqueAndOrdered()
    {
        var names = SpectralStatistics.FeatureNames(new SpectralSettings());
        Assert.Equal(2 * (6 + 20 + 64), names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("spectral_centroid_mean", names[0]);
        Assert.Equal("logmel_063_std", names[^1]);
    }

    [Fact]
    public void DctMatrixIsOrthonormal()
    {
        int n = 16;
        var d = Mfcc.DctMatrix(n, n);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int j = 0; j < n; j++) dot += d[a * n + j] * d[b * n + j];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 5);
            }
    }
}
