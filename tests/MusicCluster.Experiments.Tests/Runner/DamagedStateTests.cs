using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Tests.Runner;

/// <summary>Torn or damaged state on disk (a kill mid-write without atomic rename, a full disk, a flipped bit) is detected, recomputed with a warning, never trusted.</summary>
public sealed class DamagedStateTests
{
    private static string NewOut() => Path.Combine(Path.GetTempPath(), "mc-damage-" + Guid.NewGuid().ToString("N")[..8]);

    private static void Damage(string path, string how)
    {
        byte[] bytes = File.ReadAllBytes(path);
        switch (how)
        {
            case "truncate": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "empty": File.WriteAllBytes(path, []); break;
            case "flip": bytes[bytes.Length * 2 / 3] ^= 0x01; File.WriteAllBytes(path, bytes); break;
            default: throw new ArgumentException(how);
        }
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("flip")]
    public void A_damaged_ledger_is_not_trusted_its_stages_are_recomputed_with_a_warning(string how)
    {
        string outDir = NewOut();
        var (folder, ledger, _) = TaskFolder.Open(outDir, "easy", "h1");
        ledger.Run("a", () => new FeatureMatrix([1f, 2f], 1, 2));
        Damage(Path.Combine(folder.WorkPath, "stages.json"), how);
        var warnings = new List<string>();
        var (_, again, resumed) = TaskFolder.Open(outDir, "easy", "h1", warnings.Add);
        Assert.False(resumed);
        Assert.Contains("stages.json", Assert.Single(warnings));
        int calls = 0;
        again.Run("a", () => { calls++; return new FeatureMatrix([3f], 1, 1); });
        Assert.Equal(1, calls);
        Directory.Delete(outDir, true);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    public void A_damaged_stage_result_is_recomputed_with_a_warning_even_when_it_still_parses(string how)
    {
        string outDir = NewOut();
        var (folder, ledger, _) = TaskFolder.Open(outDir, "medium", "h1");
        ledger.Run("b", () => new FeatureMatrix([1.25f, 2.5f, 3.75f, 5f, 6.25f, 7.5f], 2, 3));
        ledger.Run("c", () => new FeatureMatrix([9f], 1, 1));
        string result = Path.Combine(folder.WorkPath, "stages", "b.json");
        if (how == "flip") File.WriteAllText(result, File.ReadAllText(result).Replace("2.5", "2.6")); // still valid JSON, wrong number
        else Damage(result, how);
        var warnings = new List<string>();
        var (_, again, resumed) = TaskFolder.Open(outDir, "medium", "h1", warnings.Add);
        Assert.True(resumed);
        var b = again.Run("b", () => new FeatureMatrix([4f], 1, 1));
        var c = again.Run("c", () => new FeatureMatrix([0f], 1, 1));
        Assert.Equal([4f], b.Data);       // recomputed
        Assert.Equal([9f], c.Data);       // the intact stage is kept
        Assert.Contains("b.json fails its checksum", Assert.Single(warnings));
        Directory.Delete(outDir, true);
    }

    [Fact]
    public void A_finished_result_whose_ledger_is_damaged_is_not_up_to_date()
    {
        string outDir = NewOut();
        var (folder, ledger, _) = TaskFolder.Open(outDir, "hard", "h1");
        ledger.MarkComplete();
        folder.Publish();
        Assert.True(TaskFolder.IsUpToDate(outDir, "hard", "h1"));
        Damage(Path.Combine(outDir, "results_hard", "stages.json"), "flip");
        var warnings = new List<string>();
        Assert.False(TaskFolder.IsUpToDate(outDir, "hard", "h1", warnings.Add));
        Assert.Contains("fails its checksum", Assert.Single(warnings));
        Directory.Delete(outDir, true);
    }

    [Fact]
    public void A_stage_that_fails_on_a_full_disk_loses_no_finished_stage()
    {
        string outDir = NewOut();
        var (_, ledger, _) = TaskFolder.Open(outDir, "easy", "h1");
        ledger.Run("done", () => new FeatureMatrix([7f], 1, 1));
        Assert.Throws<IOException>(() => ledger.Run<FeatureMatrix>("next", () => throw new IOException("No space left on device", 28)));
        var (_, again, resumed) = TaskFolder.Open(outDir, "easy", "h1");
        Assert.True(resumed);
        Assert.Equal([7f], again.Run("done", () => new FeatureMatrix([0f], 1, 1)).Data);
        Directory.Delete(outDir, true);
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_previous_file_whole_and_no_temporary_behind()
    {
        using var dir = new TempDir();
        string path = dir.Write("summary.md", "finished earlier");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half of the new"u8);
            throw new IOException("No space left on device", 28);
        }));
        Assert.Equal("finished earlier", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("checkpoint")]
    [InlineData("history")]
    public void A_damaged_training_checkpoint_restarts_training_and_gives_the_fresh_result_bit_for_bit(string which)
    {
        var data = Tensor<float>.Uniform(new SeededRandom(2), -1f, 1f, 24, 12);
        var config = new EasyConfig { Epochs = 2, Batch = 8 };
        Vae Build() => new(new VaeConfig(12, [16, 8], 3), seed: 9);
        using var fresh = new TempDir();
        var freshModel = Build();
        var expected = ModelTraining.Train(freshModel, data, config, 11, "vae", fresh.Path, new RunConsole(new StringWriter(), false), "vae");

        // Resume state of a run that was stopped after its first epoch, then damaged on disk.
        using var damaged = new TempDir();
        var stopped = Build();
        var trainer = new Trainer(stopped, new Adam<float>(stopped.NamedParameters(), config.LearningRate), new TrainerOptions(1, config.Batch, 11, config.KlWarmupEpochs));
        var reports = trainer.Fit(data);
        Checkpoint.SaveTraining(Path.Combine(damaged.Path, "vae.training.safetensors"), trainer);
        SealedJson.Write(Path.Combine(damaged.Path, "vae.history.json"),
            new TrainingHistory(stopped.Kind, 11, [reports[0].Loss], [reports[0].Reconstruction], [reports[0].Kl], 0.1, 0));
        Damage(Path.Combine(damaged.Path, which == "checkpoint" ? "vae.training.safetensors" : "vae.history.json"), "flip");

        var log = new StringWriter();
        var model = Build();
        var history = ModelTraining.Train(model, data, config, 11, "vae", damaged.Path, new RunConsole(log, false), "vae");
        // The console folds long lines at its width: compare with the line breaks taken out.
        Assert.Contains("warning: cannot resume vae (", log.ToString().Replace(" \n", " ").Replace("\n", " "));
        Assert.Equal(expected.Loss, history.Loss);
        Assert.Equal(0, history.ResumedFromEpoch);
        foreach (var ((_, a), (_, b)) in freshModel.StateDict().Zip(model.StateDict())) Assert.Equal(a.ToArray(), b.ToArray());
    }
}
