using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Dsp;

/// <summary><c>features</c> on a tree of audio without tracks.csv, and <c>--skip-bad-files</c>.</summary>
[Collection("Console")]
public class FeaturesFolderTests
{
    private static string[] Layout(TempDir dir)
    {
        MusicCluster.Experiments.Corpus.DemoCorpus.Write(dir.File("src"), new() { Tracks = 3, Seconds = 1 });
        var wavs = Directory.GetFiles(dir.File("src"), "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        string[] targets = ["lib/Artist A/Album 1/one.wav", "lib/Artist A/Album 2/two.wav", "lib/Artist B/three"];
        for (int i = 0; i < 3; i++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir.File(targets[i]))!);
            File.Copy(wavs[i], dir.File(targets[i]));
        }
        dir.Write("lib/Artist A/cover.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
        dir.Write("lib/.DS_Store", "junk");
        return targets;
    }

    [Fact]
    public void A_folder_tree_without_tracks_csv_gives_every_audio_file_by_path_with_counts_per_extension()
    {
        using var dir = new TempDir();
        Layout(dir);
        string npy = dir.File("f.npy");
        var (code, stdout, stderr) = CliRunner.Run("features", "--input", dir.File("lib"), "--kind", "spectral", "--out", npy);
        Assert.True(code == 0, stderr);
        Assert.Contains("found 3 audio files (2 .wav, 1 (none)); skipped 1 hidden, 1 not audio", stdout);
        Assert.Contains("note: ", stdout);
        Assert.Equal(3, NpyFile.Read(npy).Shape[0]);
        Assert.Equal("track_id,file,first_row,rows\none,Artist A/Album 1/one.wav,0,1\ntwo,Artist A/Album 2/two.wav,1,1\nthree,Artist B/three,2,1\n",
            File.ReadAllText(npy + ".rows.csv"));
    }

    [Fact]
    public void Skip_bad_files_lists_and_leaves_out_what_cannot_be_decoded_and_without_it_the_first_bad_file_stops()
    {
        using var dir = new TempDir();
        Layout(dir);
        dir.Write("lib/Artist B/broken.wav", "RIFF\x10\0\0\0WAVEfmt "u8.ToArray());
        string npy = dir.File("f.npy");

        var (code, stdout, stderr) = CliRunner.Run("features", "--input", dir.File("lib"), "--out", npy);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("broken.wav", stderr);
        Assert.Contains("--skip-bad-files", stderr);
        Assert.False(File.Exists(npy));

        (code, stdout, stderr) = CliRunner.Run("features", "--input", dir.File("lib"), "--out", npy, "--skip-bad-files");
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped 1 file(s) that could not be read (--skip-bad-files):", stdout);
        Assert.Contains("  Artist B/broken.wav: ", stdout);
        Assert.Equal(3, NpyFile.Read(npy).Shape[0]);
        Assert.DoesNotContain("broken", File.ReadAllText(npy + ".rows.csv"));
    }
}
