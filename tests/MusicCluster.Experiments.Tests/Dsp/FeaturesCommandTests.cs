using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Commands;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;
using MusicCluster.Experiments.Tests.Audio;

namespace MusicCluster.Experiments.Tests.Dsp;

public class FeaturesCommandTests
{
    private static string WriteWav(TempDir dir, string name, string signal, int seconds = 2)
    {
        var y = TestSignals.Create(signal, TestSignals.SampleRate * seconds);
        var bytes = RiffBuilder.Encode(Array.ConvertAll(y, v => (double)v), 32, isFloat: true);
        return dir.Write(name, new RiffBuilder().Fmt(3, 1, TestSignals.SampleRate, 32).Data(bytes).Build());
    }

    [Fact]
    public void SingleFileLogMelIsTheSpectrogramWithFramesAsRows()
    {
        using var dir = new TempDir();
        string wav = WriteWav(dir, "a.wav", "chirp");
        string npy = dir.File("a.npy");
        int rc = Program.BuildRootCommand().Parse(["features", "--input", wav, "--kind", "logmel", "--out", npy]).Invoke();
        Assert.Equal(0, rc);
        var read = NpyFile.Read(npy);
        var expected = LogMelSpectrogram.Compute(AudioDecoder.Decode(wav, warn: _ => { }), new LogMelSettings());
        // One layout for every input: rows are frames, so this is librosa's [mels, frames] transposed.
        Assert.Equal(new[] { expected.Columns, 64 }, read.Shape);
        for (int f = 0; f < expected.Columns; f += 7)
            for (int m = 0; m < 64; m += 5) Assert.Equal(expected[m, f], read.Data[f * 64 + m]);
        Assert.Equal($"track_id,file,first_row,rows\na,a.wav,0,{expected.Columns}\n", File.ReadAllText(npy + ".rows.csv"));
    }

    [Fact]
    public void DirectoryGivesOneSpectralRowPerFileInNameOrder()
    {
        using var dir = new TempDir();
        WriteWav(dir, "b.wav", "noise");
        WriteWav(dir, "a.wav", "chord");
        dir.Write("notes.txt", "not audio"u8.ToArray());
        string npy = Path.Combine(Path.GetTempPath(), $"mc-feat-{Guid.NewGuid():N}.npy");
        try
        {
            FeaturesCommand.Run(dir.Path, FeatureKind.Spectral, npy, new SpectralSettings());
            var read = NpyFile.Read(npy);
            int width = SpectralStatistics.FeatureNames(new SpectralSettings()).Count;
            Assert.Equal(new[] { 2, width }, read.Shape);
            var chord = SpectralStatistics.Compute(AudioDecoder.Decode(dir.File("a.wav"), warn: _ => { }), 22050);
            Assert.Equal(chord.Select(v => (double)v), read.Data.Take(width));
            Assert.Equal("track_id,file,first_row,rows\na,a.wav,0,1\nb,b.wav,1,1\n", File.ReadAllText(npy + ".rows.csv"));
            Assert.Equal(width, File.ReadAllLines(npy + ".columns.txt").Length);
        }
        finally { foreach (var f in new[] { npy, npy + ".rows.csv", npy + ".columns.txt" }) File.Delete(f); }
    }

    [Fact]
    public void DatasetFolderGivesOneSpectralRowPerManifestRowInRowOrder()
    {
        using var dir = new TempDir();
        var manifest = MusicCluster.Experiments.Corpus.DemoCorpus.Write(dir.Path, new() { Tracks = 4, Seconds = 1 });
        // An extra audio file outside the manifest must not be picked up.
        WriteWav(dir, "zz-stray.wav", "noise");
        string npy = Path.Combine(Path.GetTempPath(), $"mc-feat-{Guid.NewGuid():N}.npy");
        try
        {
            FeaturesCommand.Run(dir.Path, FeatureKind.Spectral, npy, new SpectralSettings());
            var read = NpyFile.Read(npy);
            Assert.Equal(manifest.Tracks.Count, read.Shape[0]);
            var rows = File.ReadAllLines(npy + ".rows.csv").Skip(1).Select(l => l.Split(',')).ToArray();
            Assert.Equal(manifest.Tracks.Select(t => t.Id), rows.Select(r => r[0]));
            Assert.Equal(manifest.Tracks.Select(t => t.File), rows.Select(r => r[1]));
            int width = read.Shape[1];
            var third = SpectralStatistics.Compute(AudioDecoder.Decode(manifest.Tracks[2].FullPath, warn: _ => { }), 22050);
            Assert.Equal(third.Select(v => (double)v), read.Data.Skip(2 * width).Take(width));
        }
        finally { foreach (var f in new[] { npy, npy + ".rows.csv", npy + ".columns.txt" }) File.Delete(f); }
    }

    [Fact]
    public void DirectoryLayoutIsTheSingleFileLayoutStacked()
    {
        using var dir = new TempDir();
        WriteWav(dir, "a.wav", "chord", seconds: 4);
        WriteWav(dir, "b.wav", "noise", seconds: 1);
        string npy = dir.File("out.npy");
        FeaturesCommand.Run(dir.Path, FeatureKind.LogMel, npy, new SpectralSettings(), patches: true);
        Assert.Equal(new[] { 3, 64, 64 }, NpyFile.Read(npy).Shape); // 173 frames → 2 tiles; 44 frames → 1 padded tile
        Assert.Equal("track_id,file,first_row,rows\na,a.wav,0,2\nb,b.wav,2,1\n", File.ReadAllText(npy + ".rows.csv"));
        FeaturesCommand.Run(dir.Path, FeatureKind.LogMel, npy, new SpectralSettings());
        Assert.Equal(new[] { 173 + 44, 64 }, NpyFile.Read(npy).Shape);
        FeaturesCommand.Run(dir.Path, FeatureKind.Mfcc, npy, new SpectralSettings());
        var stacked = NpyFile.Read(npy);
        Assert.Equal(new[] { 173 + 44, 20 }, stacked.Shape);
        Assert.Equal("track_id,file,first_row,rows\na,a.wav,0,173\nb,b.wav,173,44\n", File.ReadAllText(npy + ".rows.csv"));
        // The rows of b are exactly what b alone gives.
        string single = dir.File("b.npy");
        FeaturesCommand.Run(dir.File("b.wav"), FeatureKind.Mfcc, single, new SpectralSettings());
        Assert.Equal(NpyFile.Read(single).Data, stacked.Data.Skip(173 * 20));
    }

    [Fact]
    public void BadInputsNameTheProblem()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<UserInputException>(() => FeaturesCommand.Run(dir.File("missing.wav"), FeatureKind.LogMel, dir.File("o.npy"), new SpectralSettings()));
        Assert.Contains("missing.wav", e.Message);
        e = Assert.Throws<UserInputException>(() => FeaturesCommand.Run(dir.Path, FeatureKind.LogMel, dir.File("o.npy"), new SpectralSettings()));
        Assert.Contains("no audio files", e.Message);
        string bad = dir.Write("broken.wav", "RIFF"u8.ToArray());
        e = Assert.Throws<UserInputException>(() => FeaturesCommand.Run(dir.Path, FeatureKind.Spectral, dir.File("o.npy"), new SpectralSettings()));
        Assert.Contains(bad, e.Message);
        Assert.False(File.Exists(dir.File("o.npy")));
    }
}
