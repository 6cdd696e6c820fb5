using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;
using MusicCluster.Experiments.Tests.Audio;

namespace MusicCluster.Experiments.Tests.Dsp;

public class DescriptorsCommandTests
{
    [Fact]
    public void CsvOutputHasTheColumnNamesAsHeaderAndOneRowPerFile()
    {
        using var dir = new TempDir();
        foreach (var (name, signal) in new[] { ("b.wav", "noise"), ("a.wav", "pulses") })
        {
            var y = TestSignals.Create(signal, TestSignals.SampleRate * 2);
            dir.Write(name, new RiffBuilder().Fmt(3, 1, TestSignals.SampleRate, 32).Data(RiffBuilder.Encode(Array.ConvertAll(y, v => (double)v), 32, isFloat: true)).Build());
        }
        string csv = dir.File("d.csv");
        int rc = Program.BuildRootCommand().Parse(["features", "--input", dir.Path, "--kind", "descriptors", "--out", csv]).Invoke();
        Assert.Equal(0, rc);
        var m = MatrixFile.Read(csv);
        var columns = Descriptors.Columns(new SpectralSettings());
        Assert.Equal(columns.Select(c => c.Name), m.Header!);
        Assert.Equal(2, m.Rows);
        var expected = Descriptors.Compute(AudioDecoder.Decode(dir.File("a.wav"), warn: _ => { }), new SpectralSettings());
        Assert.Equal(expected, m.Data.Take(columns.Count));
        Assert.Equal("track_id,file,first_row,rows\na,a.wav,0,1\nb,b.wav,1,1\n", File.ReadAllText(csv + ".rows.csv"));
    }
}
