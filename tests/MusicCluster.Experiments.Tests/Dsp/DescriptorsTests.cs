using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

/// <summary>Each descriptor against the numpy/scipy transcription of librosa in tests/reference/dsp_descriptors.py.</summary>
public class DescriptorsTests
{
    public static TheoryData<string> Signals() => ["chord", "noise", "chirp", "pulses"];

    private static (Fixture F, float[] Y, SpectralSettings S, FeatureMatrix LogMel, FeatureMatrix Mfcc) Load(string name)
    {
        var f = Fixture.Load($"dsp/descriptors_{name}.json");
        var y = TestSignals.Create(name, (int)f.Scalar("length"));
        var s = new SpectralSettings();
        SpectralStatistics.FrameSeries(y, s, out var logMel);
        return (f, y, s, logMel, Mfcc.FromLogMel(logMel, s.Coefficients));
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void DeltaMatchesSavitzkyGolayAsLibrosaCallsIt(string name)
    {
        var (f, _, _, _, mfcc) = Load(name);
        Agreement.Close(f.Doubles("delta1"), Delta.Compute(mfcc, 1).Data, $"{name} Δ", 1e-3);
        Agreement.Close(f.Doubles("delta2"), Delta.Compute(mfcc, 2).Data, $"{name} ΔΔ", 1e-3);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void SpectralContrastMatchesLibrosa(string name)
    {
        var (f, y, s, _, _) = Load(name);
        var c = SpectralContrast.Compute(y, s.LogMel.SampleRate, s.LogMel.Stft);
        Assert.Equal(f.Shape("contrast"), new[] { c.Rows, c.Columns });
        Agreement.Close(f.Doubles("contrast"), c.Data, $"{name} contrast", 1e-4); // dB, against the peak contrast
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void ChromaMatchesLibrosaWithTuningZero(string name)
    {
        var (f, y, s, _, _) = Load(name);
        var bank = ChromaStft.FilterBank(s.LogMel.SampleRate, s.LogMel.NFft);
        int bins = s.LogMel.NFft / 2 + 1;
        var every16 = new List<float>();
        for (int c = 0; c < 12; c++) for (int k = 0; k < bins; k += 16) every16.Add((float)bank[c * bins + k]);
        Agreement.Close(f.Doubles("chroma_filters"), every16.ToArray(), "chroma filters", 1e-6);
        var chroma = ChromaStft.Compute(y, s.LogMel.SampleRate, s.LogMel.Stft);
        Agreement.Close(f.Doubles("chroma"), chroma.Data, $"{name} chroma", 1e-4);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void OnsetTempogramAndTempoMatchLibrosa(string name)
    {
        var (f, _, s, logMel, _) = Load(name);
        var onset = OnsetStrength.FromLogMel(logMel, s.LogMel.NFft, s.LogMel.HopLength);
        Agreement.Close(f.Doubles("onset"), onset, $"{name} onset", 1e-3);
        Agreement.Close(f.Doubles("tempogram_bands"), Tempogram.LagBands(Tempogram.Compute(onset)), $"{name} tempogram", 1e-3);
        Assert.Equal(f.Scalar("tempo"), Tempogram.Tempo(onset, s.LogMel.SampleRate, s.LogMel.HopLength), 6);
    }

    [Fact]
    public void TempoOfTheBurstsAt120BpmIsNear120()
    {
        var (_, _, s, logMel, _) = Load("pulses");
        double bpm = Tempogram.Tempo(OnsetStrength.FromLogMel(logMel, s.LogMel.NFft, s.LogMel.HopLength), s.LogMel.SampleRate, s.LogMel.HopLength);
        Assert.InRange(bpm, 115, 125);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void ModulationSpectrumMatchesTheReference(string name)
    {
        var (f, _, s, logMel, _) = Load(name);
        var m = ModulationSpectrum.Compute(logMel, (double)s.LogMel.SampleRate / s.LogMel.HopLength);
        Agreement.Close(f.Doubles("modulation"), m.Data, $"{name} modulation", 1e-3);
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void TheVectorHasOneValuePerNamedColumnAndMatches(string name)
    {
        var (f, y, s, _, _) = Load(name);
        var v = Descriptors.Compute(y, s);
        var columns = Descriptors.Columns(s);
        Assert.Equal(columns.Count, v.Length);
        Assert.Equal(columns.Count, columns.Select(c => c.Name).Distinct().Count());
        Assert.Equal(Descriptors.Groups, columns.Select(c => c.Group).Distinct().ToArray());
        Agreement.Close(f.Doubles("vector"), v, $"{name} descriptors", 1e-3);
    }

    [Fact]
    public void ShortSeriesShrinkTheDeltaWindowAndTinyOnesGiveZeros()
    {
        var x = new FeatureMatrix([0f, 1f, 4f, 9f, 16f], 1, 5);
        var d = Delta.Compute(x, 1);
        // A width-5 quadratic… fitted by a line: the slope of the least-squares line through (0,0),(1,1),(2,4),(3,9),(4,16) is 4.
        Assert.All(d.Data, v => Assert.Equal(4f, v, 4));
        Assert.All(Delta.Compute(new FeatureMatrix([1f, 2f], 1, 2), 2).Data, v => Assert.Equal(0f, v));
    }
}
