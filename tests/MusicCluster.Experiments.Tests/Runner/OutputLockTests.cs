using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class OutputLockTests
{
    private static readonly Action<string> NoNotice = line => Assert.Fail($"unexpected notice: {line}");

    [Fact]
    public void A_second_lock_on_the_same_folder_is_refused_naming_the_holder_until_the_first_is_released()
    {
        using var dir = new TempDir();
        string outDir = dir.File("out");
        var first = OutputLock.Acquire(outDir, "musiccluster run medium", NoNotice);
        var e = Assert.Throws<UserInputException>(() => OutputLock.Acquire(outDir, "musiccluster run easy", NoNotice));
        Assert.StartsWith($"{outDir} is in use by `musiccluster run medium` on {Environment.MachineName} since ", e.Message);
        Assert.EndsWith($"(pid {Environment.ProcessId}); wait for it or choose another --out", e.Message);
        first.Dispose();
        Assert.Null(OutputLock.CurrentOwner(outDir));
        using var second = OutputLock.Acquire(outDir, "musiccluster run easy", NoNotice);
        Assert.Equal("musiccluster run easy", OutputLock.CurrentOwner(outDir)!.Command);
    }

    [Fact]
    public void Of_many_racing_attempts_exactly_one_wins()
    {
        using var dir = new TempDir();
        string outDir = dir.File("out");
        const int racers = 8;
        using var start = new Barrier(racers);
        var results = new OutputLock?[racers];
        var threads = Enumerable.Range(0, racers).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try { results[i] = OutputLock.Acquire(outDir, $"racer {i}", _ => { }); }
            catch (UserInputException) { results[i] = null; }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.Owner.Command, OutputLock.CurrentOwner(outDir)!.Command);
        winner.Dispose();
    }

    [Fact]
    public void The_stale_entry_of_a_dead_process_is_taken_over_with_a_notice()
    {
        using var dir = new TempDir();
        string outDir = dir.File("out");
        Directory.CreateDirectory(outDir);
        int dead = DeadPid();
        var stale = new LockOwner(dead, Environment.MachineName, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "musiccluster run hard");
        File.WriteAllText(Path.Combine(outDir, OutputLock.OwnerFileName), JsonSerializer.Serialize(stale, ConfigJson.Options));
        var notices = new List<string>();
        using (OutputLock.Acquire(outDir, "musiccluster run easy", notices.Add))
        {
            string notice = Assert.Single(notices);
            Assert.Contains($"locked by pid {dead} on {Environment.MachineName} (musiccluster run hard, since 2026-01-02 03:04:05 UTC)", notice);
            Assert.Contains("is no longer running; taking the lock over", notice);
            Assert.Equal(Environment.ProcessId, OutputLock.CurrentOwner(outDir)!.Pid);
        }
    }

    [Fact]
    public void A_second_musiccluster_process_into_a_locked_folder_exits_2_with_one_line()
    {
        using var dir = new TempDir();
        string outDir = dir.File("out");
        using var held = OutputLock.Acquire(outDir, "musiccluster run medium", NoNotice);
        var (code, _, err) = ChildProcess.Run(["run", "easy", "--quick", "--out", outDir]);
        Assert.Equal(2, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {outDir} is in use by `musiccluster run medium`", line);
        Assert.EndsWith($"(pid {Environment.ProcessId}); wait for it or choose another --out", line);
    }

    [Fact]
    public void A_killed_run_leaves_a_lock_that_the_next_run_takes_over_and_a_finished_run_releases_its_lock()
    {
        using var dir = new TempDir();
        string outDir = dir.File("out");
        // A full demo run: it takes the lock at once and then works for a minute; kill -9 it as soon as it holds the folder.
        using (var child = ChildProcess.Start("run", "all", "--out", outDir))
        {
            var clock = Stopwatch.StartNew();
            while (OutputLock.CurrentOwner(outDir)?.Pid != child.Id && clock.Elapsed < TimeSpan.FromSeconds(60) && !child.HasExited) Thread.Sleep(20);
            Assert.Equal(child.Id, OutputLock.CurrentOwner(outDir)?.Pid);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            var notices = new List<string>();
            using (OutputLock.Acquire(outDir, "musiccluster run easy", notices.Add))
                Assert.Contains($"locked by pid {child.Id} ", Assert.Single(notices));
        }

        // A run that stops with a user error (a bad manifest, read after the lock is taken) still releases the folder.
        string data = dir.File("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "tracks.csv"), "track_id,file\nt1,missing.wav\n");
        var (code, _, err) = ChildProcess.Run(["run", "easy", "--quick", "--data", data, "--out", outDir]);
        Assert.Equal(2, code);
        Assert.Contains("missing.wav", err);
        Assert.Null(OutputLock.CurrentOwner(outDir));
        using var again = OutputLock.Acquire(outDir, "musiccluster run easy", NoNotice);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_written_is_refused_before_any_work()
    {
        // sysfs refuses new files even to root, so this holds wherever the tests run.
        var e = Assert.Throws<UserInputException>(() => OutputFolderCheck.EnsureWritable("/sys/musiccluster-out", _ => { }));
        Assert.StartsWith("--out /sys/musiccluster-out: the folder cannot be written (", e.Message);
        using var dir = new TempDir();
        var warnings = new List<string>();
        OutputFolderCheck.EnsureWritable(dir.File("ok"), warnings.Add);
        Assert.Empty(Directory.GetFiles(dir.File("ok"), "*", SearchOption.AllDirectories)); // the probe is gone
    }

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }
}
