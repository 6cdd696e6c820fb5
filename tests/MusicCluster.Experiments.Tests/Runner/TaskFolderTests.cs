using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class TaskFolderTests
{
    [Fact]
    public void An_older_result_stays_whole_until_the_new_one_is_published()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "mc-folder-" + Guid.NewGuid().ToString("N")[..8]);
        var (f1, l1, resumed1) = TaskFolder.Open(outDir, "easy", "h1");
        Assert.False(resumed1);
        File.WriteAllText(Path.Combine(f1.WorkPath, "metrics.csv"), "old");
        l1.Run("a", () => 1);
        l1.MarkComplete();
        f1.Publish();
        Assert.True(TaskFolder.IsUpToDate(outDir, "easy", "h1"));
        Assert.False(TaskFolder.IsUpToDate(outDir, "easy", "h2"));

        // A new run with other settings works in the side folder; the published one is untouched meanwhile.
        var (f2, l2, resumed2) = TaskFolder.Open(outDir, "easy", "h2");
        Assert.False(resumed2);
        File.WriteAllText(Path.Combine(f2.WorkPath, "metrics.csv"), "new");
        Assert.Equal("old", File.ReadAllText(Path.Combine(outDir, "results_easy", "metrics.csv")));
        l2.MarkComplete();
        f2.Publish();
        Assert.Equal("new", File.ReadAllText(Path.Combine(outDir, "results_easy", "metrics.csv")));
        Assert.Equal("results_easy", Path.GetFileName(Assert.Single(Directory.GetDirectories(outDir))));
        Directory.Delete(outDir, true);
    }

    [Fact]
    public void Finished_stages_are_reloaded_and_not_recomputed_for_the_same_hash_only()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "mc-folder-" + Guid.NewGuid().ToString("N")[..8]);
        var (_, ledger, _) = TaskFolder.Open(outDir, "hard", "h1");
        ledger.Run("m", () => new FeatureMatrix([1.5f, float.Epsilon], 1, 2));
        int calls = 0;
        var (_, again, resumed) = TaskFolder.Open(outDir, "hard", "h1");
        Assert.True(resumed);
        var m = again.Run("m", () => { calls++; return new FeatureMatrix([9f], 1, 1); });
        Assert.Equal(0, calls);
        Assert.Equal([1.5f, float.Epsilon], m.Data);
        Assert.Contains("m", again.ReusedThisRun);
        var (_, other, resumedOther) = TaskFolder.Open(outDir, "hard", "h2");
        Assert.False(resumedOther);
        other.Run("m", () => { calls++; return new FeatureMatrix([9f], 1, 1); });
        Assert.Equal(1, calls);
        Directory.Delete(outDir, true);
    }

    [Fact]
    public void A_kill_between_the_two_renames_is_repaired_on_the_next_open()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "mc-folder-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(outDir, ".results_medium.old"));
        File.WriteAllText(Path.Combine(outDir, ".results_medium.old", "summary.md"), "kept");
        TaskFolder.Open(outDir, "medium", "h");
        Assert.Equal("kept", File.ReadAllText(Path.Combine(outDir, "results_medium", "summary.md")));
        Directory.Delete(outDir, true);
    }
}
