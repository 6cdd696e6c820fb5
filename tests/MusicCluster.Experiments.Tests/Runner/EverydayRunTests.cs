using System.Text.Json;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Runner;

/// <summary><c>run</c> on a user's own folder: a bad file among good ones, no tracks.csv, and the choice of k.</summary>
[Collection("Console")]
public sealed class EverydayRunTests
{
    private static string Corpus(TempDir dir, int tracks = 8)
    {
        string data = dir.File("data");
        MusicCluster.Experiments.Corpus.DemoCorpus.Write(data, new() { Tracks = tracks, Seconds = 1 });
        return data;
    }

    [Fact]
    public void A_bad_file_stops_the_run_before_training_and_leaves_no_work_folder_unless_it_is_skipped()
    {
        using var dir = new TempDir();
        string data = Corpus(dir);
        string bad = Directory.GetFiles(data, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ElementAt(3);
        File.WriteAllBytes(bad, "RIFF\x10\0\0\0WAVEfmt "u8.ToArray());
        string name = Path.GetFileName(bad);
        string outDir = dir.File("out");

        var (code, _, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(name, stderr);
        Assert.Contains("--skip-bad-files", stderr);
        Assert.False(Directory.Exists(Path.Combine(outDir, ".results_easy.work")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "results_easy")));

        (code, var stdout, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir, "--skip-bad-files");
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("skipped 1 file(s) that could not be read (--skip-bad-files):", stdout);
        Assert.Contains(name + ": ", stdout);
        string summary = File.ReadAllText(Path.Combine(outDir, "results_easy", "summary.md"));
        Assert.Contains("could not be read and were left out (--skip-bad-files)", summary);
        Assert.Contains(name, summary);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results_easy", "run.json")));
        Assert.Equal(7, run.RootElement.GetProperty("tracks").GetInt32());
    }

    [Fact]
    public void A_folder_of_audio_without_tracks_csv_runs_with_k_chosen_by_silhouette_and_clusters_coloured_on_the_map()
    {
        using var dir = new TempDir();
        string data = Corpus(dir);
        File.Delete(Path.Combine(data, "tracks.csv"));
        string outDir = dir.File("out");

        var (code, stdout, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("found 8 audio files (8 .wav)", stdout);
        Assert.Contains("note: ", stdout);
        Assert.Contains("no tracks.csv", stdout);
        string folder = Path.Combine(outDir, "results_easy");
        string summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.Contains("### k sweep", summary);
        Assert.Contains("**Which k.**", summary);
        Assert.Contains("by silhouette", summary);
        Assert.Contains("no genre or language labels", summary);
        Assert.True(File.Exists(Path.Combine(folder, "figures", "k_sweep.png")));
        // Without labels the one t-SNE figure of the VAE is coloured by its clusters.
        Assert.True(File.Exists(Path.Combine(folder, "figures", "tsne_vae.png")));
        Assert.False(File.Exists(Path.Combine(folder, "figures", "tsne_vae_cluster.png")));
        Assert.Contains("![t-SNE of the VAE latent means coloured by cluster (kmeans, seed 42)](figures/tsne_vae.png)", summary);
        // The chosen k is the sweep's best silhouette, and K-Means used it.
        var sweep = summary.Split('\n').SkipWhile(l => !l.StartsWith("### k sweep", StringComparison.Ordinal)).Skip(1)
            .SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        var chosen = sweep.Single(c => c[5] == "✓");
        Assert.Equal(sweep.Max(c => double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)), double.Parse(chosen[2], System.Globalization.CultureInfo.InvariantCulture));
        var kmeans = File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Skip(1).Select(l => l.Split(',')).Where(c => c[2] == "kmeans").ToList();
        Assert.All(kmeans, c => Assert.Equal(chosen[1], c[4]));
    }

    [Fact]
    public void Run_k_takes_a_number_or_auto_and_every_label_table_says_which_k()
    {
        using var dir = new TempDir();
        string data = Corpus(dir);
        string outDir = dir.File("out");
        var (code, stdout, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir, "--k", "3");
        Assert.True(code == 0, stderr + stdout);
        string summary = File.ReadAllText(Path.Combine(outDir, "results_easy", "summary.md"));
        Assert.Contains("### Best clustering per representation (by ari_genre; k = 3, set with --k)", summary);
        Assert.Contains("### All results (k = 3, set with --k)", summary);
        Assert.DoesNotContain("### k sweep", summary);

        (code, stdout, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir, "--k", "auto");
        Assert.True(code == 0, stderr + stdout);
        summary = File.ReadAllText(Path.Combine(outDir, "results_easy", "summary.md"));
        Assert.Contains("### k sweep", summary);
        Assert.Contains("as --k auto asked", summary);

        (code, _, stderr) = CliRunner.Run("run", "easy", "--quick", "--data", data, "--out", outDir, "--k", "many");
        Assert.Equal(2, code);
        Assert.Equal("error: --k must be a whole number of clusters of at least 2, or auto (got 'many')", stderr.Trim());
    }

    [Fact]
    public void Run_help_shows_the_defaults()
    {
        var (_, stdout, _) = CliRunner.Run("run", "--help");
        Assert.Contains("[default: 42]", stdout);
        Assert.Contains("[default: 3; --quick: 1]", stdout);
        Assert.Contains("[default: easy 80, medium 12, hard 8]", stdout);
        Assert.Contains("[default: cpu]", stdout);
        Assert.Contains("--skip-bad-files", stdout);
        Assert.Contains("--k", stdout);
    }
}
