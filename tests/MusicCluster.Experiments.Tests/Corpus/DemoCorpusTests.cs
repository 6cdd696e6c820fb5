using System.Buffers.Binary;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Corpus.Genres;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Lyrics;
using MusicCluster.Experiments.Tests.Data;

namespace MusicCluster.Experiments.Tests.Corpus;

public class DemoCorpusTests
{
    private static readonly CorpusOptions Small = new() { Tracks = 24, Seconds = 1.5, Seed = 7 };

    [Fact]
    public void TheManifestReaderAcceptsTheCorpus()
    {
        using var t = new TempDir();
        var m = DemoCorpus.Write(t.Path, Small);
        Assert.Equal(24, m.Tracks.Count);
        Assert.Equal(DemoCorpus.Genres.Order(), m.Tracks.Select(k => k.Genre!).Distinct().Order());
        Assert.All(DemoCorpus.Genres, g => Assert.Equal(4, m.Tracks.Count(k => k.Genre == g)));
        foreach (var g in DemoCorpus.Genres) // an even English/Bangla split inside every genre
            Assert.Equal(2, m.Tracks.Count(k => k.Genre == g && k.Language == "en"));
        Assert.Equal(DemoCorpus.MetadataColumns, m.MetadataColumns);
        foreach (var track in m.Tracks)
        {
            var wav = File.ReadAllBytes(track.FullPath);
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20))); // PCM
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(22))); // mono
            Assert.Equal(22050u, BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(24)));
            Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(34)));
            Assert.Equal((uint)(2 * (int)(1.5 * 22050)), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
            Assert.True(double.Parse(track.Metadata["tempo_bpm"], System.Globalization.CultureInfo.InvariantCulture) is > 50 and < 200);
        }
    }

    [Fact]
    public void SameSeedWritesTheSameBytesWhateverTheThreadCount()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        using var c = new TempDir();
        DemoCorpus.Write(a.Path, Small with { Threads = 1 });
        DemoCorpus.Write(b.Path, Small with { Threads = 4 });
        DemoCorpus.Write(c.Path, Small with { Seed = 8 });
        var files = Directory.GetFiles(a.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.Path, f)).Order().ToArray();
        Assert.Equal(25, files.Length);
        foreach (var f in files) Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f)), File.ReadAllBytes(Path.Combine(b.Path, f)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, "tracks.csv")), File.ReadAllBytes(Path.Combine(c.Path, "tracks.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, files[0])), File.ReadAllBytes(Path.Combine(c.Path, files[0])));
    }

    [Fact]
    public void GenresDifferMeasurablyButOverlap()
    {
        var o = new CorpusOptions { Seconds = 3 };
        var zcr = new List<double[]>();
        var perc = new List<double[]>();
        var beat = new List<double[]>();
        var tempo = new List<double[]>();
        foreach (var g in Genre.All)
        {
            var stats = Enumerable.Range(0, 5).Select(i =>
            {
                var x = DemoCorpus.Render(g, (ulong)(1000 + i), o, out var song);
                float peak = 0;
                foreach (float v in x) peak = float.IsFinite(v) ? MathF.Max(peak, MathF.Abs(v)) : float.NaN;
                Assert.True(peak is > 0.2f and <= 0.98f, $"{g.Name}: peak {peak}");
                return (Z: AudioStats.ZeroCrossingRate(x), P: AudioStats.Percussiveness(x, o.SampleRate), B: AudioStats.Periodicity(x, o.SampleRate), T: song.Bpm);
            }).ToArray();
            zcr.Add(stats.Select(s => s.Z).ToArray());
            perc.Add(stats.Select(s => s.P).ToArray());
            beat.Add(stats.Select(s => s.B).ToArray());
            tempo.Add(stats.Select(s => s.T).ToArray());
        }
        int Index(string name) => Array.FindIndex(Genre.All, g => g.Name == name);
        // Differ: each statistic varies more between genres than within them.
        Assert.True(AudioStats.FRatio(zcr) > 5, $"zero-crossing F = {AudioStats.FRatio(zcr)}");
        Assert.True(AudioStats.FRatio(perc) > 5, $"percussiveness F = {AudioStats.FRatio(perc)}");
        Assert.True(AudioStats.FRatio(tempo) > 5, $"tempo F = {AudioStats.FRatio(tempo)}");
        string Means(List<double[]> stat) => string.Join(", ", Genre.All.Select((g, i) => $"{g.Name} {stat[i].Average():F3}"));
        Assert.True(zcr[Index("ambient")].Average() < 0.6 * zcr[Index("rock")].Average(), Means(zcr)); // soft pads vs distortion and hats
        Assert.True(beat[Index("electronic")].Average() > 1.5 * beat[Index("ambient")].Average(), Means(beat)); // four-on-the-floor vs no drums
        Assert.True(perc[Index("hiphop")].Average() > perc[Index("folk")].Average(), Means(perc));
        // Overlap: some genre pair shares both its zero-crossing range and its tempo range, so no single cue separates all.
        bool Overlap(double[] a, double[] b) => a.Min() <= b.Max() && b.Min() <= a.Max();
        bool any = false;
        for (int i = 0; i < zcr.Count; i++)
            for (int j = i + 1; j < zcr.Count; j++)
                any |= Overlap(zcr[i], zcr[j]) && Overlap(tempo[i], tempo[j]) && Overlap(perc[i], perc[j]);
        Assert.True(any);
    }

    [Fact]
    public void LyricsAreInTheDeclaredScriptAndLeanOnTheGenre()
    {
        using var t = new TempDir();
        var m = DemoCorpus.Write(t.Path, Small with { Tracks = 48, Seconds = 0.5 });
        foreach (var track in m.Tracks.Where(k => k.Lyrics.Length > 0))
        {
            var guess = LanguageGuess.Of(track.Lyrics);
            Assert.Equal(track.Language, guess.Language);
            if (track.Language == "bn") Assert.Equal(1.0, guess.BengaliShare); // every letter is Bengali script
        }
        Assert.True(m.Tracks.Count(k => k.Lyrics.Length > 0) >= 40);
        foreach (var vocabulary in new[] { Vocabulary.English, Vocabulary.Bangla })
        {
            var topics = vocabulary.Topics.ToDictionary(kv => kv.Key, kv => kv.Value.Select(w => LyricsTokenizer.Tokenize(w)[0]).ToHashSet());
            foreach (var genre in DemoCorpus.Genres)
            {
                var tokens = m.Tracks.Where(k => k.Genre == genre && k.Language == vocabulary.Language).SelectMany(k => LyricsTokenizer.Tokenize(k.Lyrics)).ToList();
                if (tokens.Count == 0) continue;
                int own = tokens.Count(topics[genre].Contains);
                foreach (var other in DemoCorpus.Genres.Where(g => g != genre))
                    Assert.True(own > tokens.Count(topics[other].Contains), $"{vocabulary.Language} {genre}: own topic words do not dominate {other}");
            }
        }
    }

    [Fact]
    public void VocabulariesAreRealWordsInTheirScripts()
    {
        foreach (var w in Vocabulary.Bangla.General.Concat(Vocabulary.Bangla.Verbs).Concat(Vocabulary.Bangla.Topics.Values.SelectMany(x => x)))
        {
            Assert.Single(LyricsTokenizer.Tokenize(w));
            Assert.Equal("bn", LanguageGuess.Of(w).Language);
        }
        foreach (var w in Vocabulary.English.General.Concat(Vocabulary.English.Topics.Values.SelectMany(x => x)))
            Assert.Matches("^[a-z]+$", w);
    }

    [Fact]
    public void SwingDelaysTheOffBeatOfEachPair()
    {
        var s = new Song(22050 * 4, 22050, 1) { Bpm = 120 }; // a beat is 11025 samples, a 16th 2756.25
        Assert.Equal(5512, s.At(0, 2)); // straight: two 16ths
        s.Swing = 2.0 / 3; // 8th-note swing: the off-beat 8th (step 2) lands two thirds into the beat
        Assert.Equal(7350, s.At(0, 2));
        Assert.Equal(44100 + 11025, s.At(1, 4));
        s.SwingSixteenths = true; // 16th swing: step 1 lands two thirds into the first 8th
        Assert.Equal(3675, s.At(0, 1));
    }
}
