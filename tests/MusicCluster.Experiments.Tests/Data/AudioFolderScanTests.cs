using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Tests.Audio;

namespace MusicCluster.Experiments.Tests.Data;

public class AudioFolderScanTests
{
    private static byte[] Wav() => new RiffBuilder().Fmt(1, 1, 8000, 16).Data(new byte[64]).Build();

    [Theory]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0x22 }, "FLAC")]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53, 0, 2 }, "Ogg")]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 4, 0 }, "MP3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "MP3/AAC")]     // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, "MP3/AAC")]     // ADTS AAC-LC, 44.1 kHz
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41 }, "MP4/M4A")]
    [InlineData(new byte[] { 0x46, 0x4F, 0x52, 0x4D, 0, 0, 0, 0, 0x41, 0x49, 0x46, 0x46 }, "AIFF")]
    public void Known_containers_are_recognised_by_their_first_bytes(byte[] head, string format) =>
        Assert.Equal(format, AudioMagic.Format(head));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]                // JPEG
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A })]    // PNG
    [InlineData(new byte[] { 0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59 })]    // .npy
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x64 })]                // MPEG sync with the reserved bitrate index 15
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20 })] // RIFF AVI
    [InlineData(new byte[0])]
    public void Other_files_are_not_audio(byte[] head) => Assert.Null(AudioMagic.Format(head));

    [Fact]
    public void Scan_walks_sub_folders_by_content_skips_hidden_and_non_audio_and_refuses_links_outside()
    {
        using var root = new TempDir();
        using var outside = new TempDir();
        root.Write("Artist/Album/01 intro.wav", Wav());
        root.Write("Artist/Album/02 song.mp3", [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
        root.Write("Artist/Album/cover.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]);
        root.Write("Artist/Album/notes.txt", "liner notes");
        root.Write("Other/untitled", Wav());                  // no extension, audio by content
        root.Write("Other/broken.flac", "not really flac");   // claims audio by name: kept so the decoder can report it
        root.Write(".hidden.wav", Wav());
        root.Write(".git/objects/x.wav", Wav());
        string secret = outside.Write("secret.wav", Wav());
        File.CreateSymbolicLink(root.File("Other/escape.wav"), secret);
        Directory.CreateSymbolicLink(root.File("Other/loop"), root.File("Artist"));   // inside: followed, but each real folder once

        var scan = AudioFolderScan.Scan(root.Path);

        Assert.Equal(["Artist/Album/01 intro.wav", "Artist/Album/02 song.mp3", "Other/broken.flac", "Other/untitled"],
            scan.Files.Select(f => f.RelativePath));
        Assert.Equal(2, scan.Hidden);
        Assert.Equal(2, scan.NotAudio);
        Assert.Single(scan.Refused);
        Assert.Contains("Other/escape.wav", scan.Refused[0]);
        Assert.Equal("found 4 audio files (1 (none), 1 .flac, 1 .mp3, 1 .wav); skipped 2 hidden, 2 not audio, 1 link pointing outside the folder", scan.Describe());
    }

    [Fact]
    public void A_folder_without_tracks_csv_gets_an_inferred_manifest_with_a_note()
    {
        using var root = new TempDir();
        root.Write("a/song.wav", Wav());
        root.Write("b/song.wav", Wav());
        root.Write("c/solo.wav", Wav());
        root.Write("c/solo.mp3", [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
        root.Write("d/other.wav", Wav());

        var m = Manifest.LoadOrInfer(root.Path, out string? note);

        Assert.True(m.IsInferred);
        Assert.False(m.HasGenre || m.HasLanguage || m.HasLyrics);
        Assert.Equal(["a/song.wav", "b/song.wav", "c/solo.mp3", "c/solo.wav", "d/other.wav"], m.Tracks.Select(t => t.File));
        // The file name without its extension, unless two files share it: then the relative path (and, if that clashes too, the file itself).
        Assert.Equal(["a/song", "b/song", "c/solo", "c/solo.wav", "other"], m.Tracks.Select(t => t.Id));
        Assert.NotNull(note);
        Assert.Contains("no tracks.csv", note);
        Assert.Contains("5 audio file(s)", note);

        var e = Assert.Throws<UserInputException>(() => Manifest.LoadOrInfer(new TempDir().Path, out _));
        Assert.Contains("no tracks.csv and no audio files", e.Message);
    }

    [Fact]
    public void A_folder_with_tracks_csv_is_read_as_before()
    {
        using var root = new TempDir();
        root.Write("x.wav", Wav());
        root.Write("y.wav", Wav());
        root.Write("tracks.csv", "track_id,file,genre\nx,x.wav,rock\n");
        var m = Manifest.LoadOrInfer(root.Path, out string? note);
        Assert.Null(note);
        Assert.False(m.IsInferred);
        Assert.Equal(["x"], m.Tracks.Select(t => t.Id));
    }
}
