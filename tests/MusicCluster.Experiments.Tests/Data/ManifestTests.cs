using System.Text;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Data;

public class ManifestTests
{
    private static void WriteCsv(TempDir t, string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(Path.Combine(t.Path, "tracks.csv"), bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    private static string LoadError(TempDir t) => Assert.Throws<UserInputException>(() => Manifest.Load(t.Path)).Message;

    [Fact]
    public void ReadsAllColumnsQuotedFieldsBomAndMetadata()
    {
        using var t = new TempDir();
        t.Touch("audio/a.wav"); t.Touch("audio/b.wav"); t.Touch("c d.wav");
        WriteCsv(t, " Genre ,TRACK_ID,file,lyrics,bpm,language\r\n" +
                    "rock,a1,audio/a.wav,\"Fire, \"\"fire\"\"\nin the night\",128,en\r\n" +
                    "folk,b2,audio\\b.wav,\"নদীতে নৌকা।\",96,bn\r\n" +
                    ",c3,c d.wav,,70,\r\n", bom: true);
        var m = Manifest.Load(t.Path);
        Assert.Equal(3, m.Tracks.Count);
        Assert.Equal(["bpm"], m.MetadataColumns);
        var a = m.Tracks[0];
        Assert.Equal(("a1", "rock", "en", "Fire, \"fire\"\nin the night", "128"), (a.Id, a.Genre, a.Language, a.Lyrics, a.Metadata["bpm"]));
        Assert.Equal(Path.Combine(m.Folder, "audio", "a.wav"), a.FullPath);
        Assert.Equal(2, a.Line);
        Assert.Equal("নদীতে নৌকা।", m.Tracks[1].Lyrics);
        Assert.True(File.Exists(m.Tracks[1].FullPath)); // a backslash is a separator
        var c = m.Tracks[2];
        Assert.Equal(5, c.Line); // the quoted line break in row 1 counts
        Assert.Null(c.Genre); Assert.Null(c.Language); Assert.Equal("", c.Lyrics);
        Assert.True(m.HasGenre && m.HasLyrics && m.HasLanguage);
    }

    [Fact]
    public void OptionalColumnsMayBeAbsentAndTheCsvPathMayBeGiven()
    {
        using var t = new TempDir();
        t.Touch("x.wav");
        WriteCsv(t, "track_id,file\nx,x.wav\n");
        var m = Manifest.Load(Path.Combine(t.Path, "tracks.csv"));
        Assert.False(m.HasGenre || m.HasLyrics || m.HasLanguage);
        Assert.Equal(("x", null, null, ""), (m.Tracks[0].Id, m.Tracks[0].Genre, m.Tracks[0].Language, m.Tracks[0].Lyrics));
        Assert.Empty(m.Tracks[0].Metadata);
    }

    [Fact]
    public void WriterOutputReadsBackUnchanged()
    {
        using var t = new TempDir();
        t.Touch("a.wav"); t.Touch("b.wav");
        var rows = new List<ManifestWriter.Row>
        {
            new("t1", "a.wav", "bn", "folk", "আমি গান গাই,\n\"তুমি\" শোনো।", ["96", "=SUM(A1)"]),
            new("t2", "b.wav", "en", "rock", "", ["-3", " padded "]),
        };
        ManifestWriter.Write(Path.Combine(t.Path, "tracks.csv"), rows, ["tempo_bpm", "note"]);
        var m = Manifest.Load(t.Path);
        for (int i = 0; i < rows.Count; i++)
        {
            var (r, k) = (rows[i], m.Tracks[i]);
            Assert.Equal((r.TrackId, r.File, r.Language, r.Genre, r.Lyrics), (k.Id, k.File, k.Language, k.Genre, k.Lyrics));
            Assert.Equal(r.Metadata, [k.Metadata["tempo_bpm"], k.Metadata["note"]]);
        }
    }

    [Fact]
    public void MissingRequiredColumnIsNamed()
    {
        using var t = new TempDir();
        WriteCsv(t, "id,file\n1,a.wav\n");
        Assert.Contains("missing required column(s) 'track_id'", LoadError(t));
    }

    [Fact]
    public void DuplicateIdsNameBothLines()
    {
        using var t = new TempDir();
        t.Touch("a.wav"); t.Touch("b.wav");
        WriteCsv(t, "track_id,file\nsame,a.wav\nsame,b.wav\n");
        var e = LoadError(t);
        Assert.Contains("line 3, column 'track_id': duplicate track id 'same' (first on line 2)", e);
    }

    [Fact]
    public void MissingFilesAndFoldersAreNamedWithLineAndColumn()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(Path.Combine(t.Path, "dir"));
        WriteCsv(t, "track_id,file\na,nope.wav\nb,dir\nc,\n");
        var e = LoadError(t);
        Assert.Contains("line 2, column 'file': 'nope.wav' does not exist", e);
        Assert.Contains("line 3, column 'file': 'dir' is a folder", e);
        Assert.Contains("line 4, column 'file': the file name is empty", e);
    }

    [Fact]
    public void PathsEscapingTheFolderAreRejected()
    {
        using var outside = new TempDir();
        string secret = outside.Touch("secret.wav");
        using var t = new TempDir();
        t.Touch("inner/ok.wav");
        File.CreateSymbolicLink(Path.Combine(t.Path, "link.wav"), secret);
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "outdir"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(t.Path, "inside-link.wav"), "inner/ok.wav");
        string rel = Path.GetRelativePath(t.Path, secret);
        WriteCsv(t, $"track_id,file\n1,{rel}\n2,{secret}\n3,inner/../../x.wav\n4,link.wav\n5,outdir/secret.wav\n6,C:\\music\\a.wav\n");
        var e = LoadError(t);
        foreach (int line in new[] { 2, 3, 4, 5, 6 }) Assert.Contains($"line {line}, column 'file'", e);
        Assert.Contains("outside the manifest folder", e);
        Assert.Contains("is an absolute path", e);
        Assert.Contains("line 7, column 'file': 'C:\\music\\a.wav' is an absolute path", e);

        WriteCsv(t, "track_id,file\nok,inside-link.wav\n");
        Assert.Equal(Path.Combine(ContainedPath.RealPath(t.Path), "inner", "ok.wav"), Manifest.Load(t.Path).Tracks[0].FullPath);
    }

    [Fact]
    public void InvalidUtf8IsReportedWithItsLine()
    {
        using var t = new TempDir();
        t.Touch("a.wav");
        File.WriteAllBytes(Path.Combine(t.Path, "tracks.csv"), [.. "track_id,file,lyrics\na,a.wav,caf"u8, 0xC3, 0x28, .. "\n"u8]);
        Assert.Contains("tracks.csv line 2: invalid UTF-8 at byte 32", LoadError(t));
    }

    [Fact]
    public void AbsurdlyLargeCellsAreRejectedWithTheLimit()
    {
        using var t = new TempDir();
        t.Touch("a.wav");
        WriteCsv(t, "track_id,file,lyrics\na,a.wav,\"" + new string('x', Manifest.MaxCellBytes + 10) + "\"\n");
        var e = LoadError(t);
        Assert.Contains("line 2, column 'lyrics'", e);
        Assert.Contains("1 MiB limit", e);
    }

    [Fact]
    public void MalformedCsvNamesTheLine()
    {
        using var t = new TempDir();
        t.Touch("a.wav");
        WriteCsv(t, "track_id,file,lyrics\na,a.wav,ok\nb,a.wav,\"bad\"quote\n");
        Assert.Matches("tracks.csv (line|record) 3: malformed CSV", LoadError(t));
        WriteCsv(t, "track_id,file,lyrics\na,a.wav,ok\nb,a.wav\n");
        Assert.Matches("tracks.csv (line|record) 3: malformed CSV", LoadError(t));
    }

    [Fact]
    public void EmptyHeaderOnlyAndMissingManifestsAreClearErrors()
    {
        using var t = new TempDir();
        Assert.Contains("no tracks.csv in this folder", LoadError(t));
        WriteCsv(t, "");
        Assert.Contains("the file is empty", LoadError(t));
        WriteCsv(t, "track_id,file\n");
        Assert.Contains("lists no tracks", LoadError(t));
        WriteCsv(t, "track_id,file,file\n");
        Assert.Contains("column 'file' appears twice", LoadError(t));
    }

    [Fact]
    public void GenreIndicesAndLanguageMismatches()
    {
        using var t = new TempDir();
        t.Touch("a.wav");
        WriteCsv(t, "track_id,file,genre,language,lyrics\n1,a.wav,rock,en,fire in the sky\n2,a.wav,folk,bn,নদীতে নৌকা\n3,a.wav,,en,আকাশে মেঘ\n4,a.wav,rock,bn,\n");
        var m = Manifest.Load(t.Path);
        Assert.Equal(["folk", "rock"], m.Genres);
        Assert.Equal([1, 0, -1, 1], m.GenreIndices());
        Assert.Equal(["3"], m.LanguageMismatches().Select(k => k.Id));
    }
}
