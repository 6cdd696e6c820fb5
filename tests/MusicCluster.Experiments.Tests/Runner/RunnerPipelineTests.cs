using System.Text.Json;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class RunnerPipelineTests
{
    private static List<TaskOutcome> Run(string outDir, Dataset data, RunConfig config, IReadOnlyList<string>? tasks = null, RunConsole? console = null) =>
        ExperimentRunner.Run(new RunRequest(tasks ?? ExperimentRunner.AllTasks, outDir, config, "test"), data, console ?? new RunConsole(TextWriter.Null, false));

    private static string[] CsvLines(string path) => File.ReadAllLines(path);

    [Fact]
    public void All_three_tasks_write_their_folders_tables_figures_and_report()
    {
        string dir = SyntheticCollection.Write(24);
        string outDir = Path.Combine(dir, "out");
        var config = SyntheticCollection.TinyConfig(seeds: 2);
        var outcomes = Run(outDir, SyntheticCollection.Load(dir), config);
        Assert.All(outcomes, o => Assert.Equal("ran", o.Status));

        // Easy: (vae, pca4) × kmeans × 2 seeds.
        var easy = CsvLines(Path.Combine(outDir, "results_easy", "metrics.csv"));
        Assert.Equal(1 + 2 * 1 * 2, easy.Length);
        Assert.Equal("task,representation,algorithm,seed,clusters,noise_points,silhouette,calinski_harabasz,davies_bouldin,ari_language,nmi_language,purity_language,ari_genre,nmi_genre,purity_genre", easy[0]);  // K-Means only: no eps column
        // Medium: (convvae, mean-logmel, lyrics, hybrid-concat) × 3 algorithms + 3 α values × kmeans, per seed.
        var medium = CsvLines(Path.Combine(outDir, "results_medium", "metrics.csv"));
        Assert.Equal(1 + (4 * 3 + 3) * 2, medium.Length);
        // Hard: 7 representations × 3 algorithms per seed.
        var hard = CsvLines(Path.Combine(outDir, "results_hard", "metrics.csv"));
        Assert.Equal(1 + 9 * 3 * 2, hard.Length); // nine representations, with the descriptors and their PCA
        Assert.Equal(9, hard.Skip(1).Select(l => l.Split(',')[1]).Distinct().Count());

        foreach (var (task, figures) in new[]
        {
            ("easy", new[] { "tsne_vae_genre.png", "tsne_vae_language.png", "loss_vae.png", "recon_vae.png", "contingency_genre.png" }),
            ("medium", new[] { "tsne_convvae_language.png", "recon_convvae.png", "loss_convvae.png", "alpha_sweep.png", "kdistance_hybrid-concat.png", "contingency_language.png" }),
            ("hard", new[] { "tsne_beta-vae_genre.png", "tsne_autoencoder_genre.png", "recon_betavae.png", "recon_autoencoder.png", "loss_betavae.png", "loss_autoencoder.png", "kdistance_hybrid.png" }),
        })
        {
            string folder = Path.Combine(outDir, $"results_{task}");
            foreach (var f in figures) Assert.True(File.Exists(Path.Combine(folder, "figures", f)), $"{task}: {f}");
            string summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
            Assert.Contains("Best clustering per representation", summary);
            Assert.Contains("**Reading.**", summary);
            Assert.Contains("aligns best with **genre**", summary);
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
            Assert.Equal(task, run.RootElement.GetProperty("task").GetString());
            Assert.Equal(2, run.RootElement.GetProperty("seeds").GetArrayLength());
            Assert.True(run.RootElement.GetProperty("stages").GetArrayLength() > 3);
            Assert.True(run.RootElement.GetProperty("machine").GetProperty("logicalCores").GetInt32() >= 1);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "checkpoints"), "*.safetensors"));
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, "checkpoints"), "*.training.safetensors"));
        }
        Assert.Contains("α sweep", File.ReadAllText(Path.Combine(outDir, "results_medium", "summary.md")));
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("](results_hard/figures/recon_betavae.png)", report);
        Assert.Contains("## Easy", report);
        Assert.Contains("## Medium", report);
        Assert.False(Directory.Exists(Path.Combine(outDir, ".results_easy.work")));

        // The same command again finds everything up to date and recomputes nothing.
        var again = Run(outDir, SyntheticCollection.Load(dir), config);
        Assert.All(again, o => Assert.Equal("up to date", o.Status));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void An_interrupted_training_resumes_from_its_checkpoint_and_keeps_finished_stages()
    {
        string dir = SyntheticCollection.Write(18);
        string outDir = Path.Combine(dir, "out");
        var config = SyntheticCollection.TinyConfig(seeds: 2);
        config.Medium.Epochs = 3;
        using var cts = new CancellationTokenSource();
        var console = new RunConsole(TextWriter.Null, false) { Cancellation = cts.Token };
        // Stop in the second seed's training after its first epoch: the first seed's stages are finished by then.
        console.Ticked += (what, done) => { if (what.Contains("seed 43") && done == 1) cts.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => Run(outDir, SyntheticCollection.Load(dir), config, ["medium"], console));
        string work = Path.Combine(outDir, ".results_medium.work");
        Assert.True(File.Exists(Path.Combine(work, "checkpoints", "convvae-seed43.training.safetensors")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "results_medium")));

        var log = new StringWriter();
        var outcomes = Run(outDir, SyntheticCollection.Load(dir), config, ["medium"], new RunConsole(log, false));
        Assert.Equal("resumed", outcomes.Single().Status);
        Assert.Contains("resuming [medium] Conv-VAE seed 43 from epoch 1 of 3", log.ToString());
        string folder = Path.Combine(outDir, "results_medium");
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        var stages = run.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Contains(stages, s => s.GetProperty("name").GetString() == "train-convvae-seed42" && s.GetProperty("reused").GetBoolean());
        Assert.Contains(stages, s => s.GetProperty("name").GetString() == "train-convvae-seed43" && !s.GetProperty("reused").GetBoolean());
        var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "stages", "train-convvae-seed43.json"))).RootElement.GetProperty("history");
        Assert.Equal(1, history.GetProperty("resumedFromEpoch").GetInt32());
        Assert.Equal(3, history.GetProperty("reconstruction").GetArrayLength());

        // The resumed model is the one an uninterrupted run trains, bit for bit.
        string straight = Path.Combine(dir, "straight");
        Run(straight, SyntheticCollection.Load(dir), config, ["medium"]);
        string Embedding(string root) => JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results_medium", "stages", "train-convvae-seed43.json")))
            .RootElement.GetProperty("embedding").GetRawText();
        Assert.Equal(Embedding(straight), Embedding(outDir));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_manifest_without_lyrics_or_labels_runs_the_audio_parts_and_says_what_was_skipped()
    {
        string dir = SyntheticCollection.Write(18, lyrics: false, labels: false);
        string outDir = Path.Combine(dir, "out");
        var config = SyntheticCollection.TinyConfig(seeds: 1);
        Run(outDir, SyntheticCollection.Load(dir), config, ["medium", "hard"]);
        var medium = CsvLines(Path.Combine(outDir, "results_medium", "metrics.csv"));
        Assert.Equal("task,representation,algorithm,seed,clusters,noise_points,silhouette,calinski_harabasz,davies_bouldin,eps", medium[0]);
        Assert.Equal(1 + 2 * 3, medium.Length);
        string summary = File.ReadAllText(Path.Combine(outDir, "results_medium", "summary.md"));
        Assert.Contains("no lyrics", summary);
        Assert.Contains("ARI, NMI and purity are skipped", summary);
        Assert.Equal(1 + 6 * 3, CsvLines(Path.Combine(outDir, "results_hard", "metrics.csv")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "results_hard", "figures", "tsne_beta-vae.png")));
        Directory.Delete(dir, recursive: true);
    }
}
