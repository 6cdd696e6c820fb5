using System.Diagnostics;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Reports;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>What to run: tasks, output folder, resolved configuration, and the command line (for run.json).</summary>
public sealed record RunRequest(IReadOnlyList<string> Tasks, string OutDir, RunConfig Config, string Command, bool Fresh = false,
    string DeviceUsed = "cpu", ITensorBackend? Backend = null);

/// <summary>How one task went: ran fresh, resumed from earlier stages, or was already up to date; with its report.</summary>
public sealed record TaskOutcome(string Task, string Status, double Seconds, TaskReport? Report, string Folder);

/// <summary>Runs Easy, Medium and Hard into their folders, resuming or skipping finished work, and rebuilds OUT/report.md.</summary>
public static class ExperimentRunner
{
    /// <summary>The task names in order.</summary>
    public static readonly string[] AllTasks = ["easy", "medium", "hard"];

    /// <summary>Runs the requested tasks on <paramref name="data"/>.</summary>
    public static List<TaskOutcome> Run(RunRequest request, Dataset data, RunConsole console)
    {
        var outcomes = new List<TaskOutcome>();
        foreach (var task in request.Tasks)
        {
            string hash = TaskHash.Of(task, request.Config, data.Fingerprint);
            string final = Path.Combine(Path.GetFullPath(request.OutDir), $"results_{task}");
            if (!request.Fresh && TaskFolder.IsUpToDate(request.OutDir, task, hash, line => console.Line($"  warning: {line}")))
            {
                console.Heading($"{task}: up to date in {final} (same settings and data; --fresh runs it again)");
                outcomes.Add(new TaskOutcome(task, "up to date", 0, StoredReport.TryLoad(final, task), final));
                continue;
            }
            outcomes.Add(RunTask(task, hash, request, data, console));
            AtomicFile.WriteAllText(Path.Combine(request.OutDir, "report.md"), ReportWriter.Render(request.OutDir));
        }
        if (!File.Exists(Path.Combine(request.OutDir, "report.md")))
            AtomicFile.WriteAllText(Path.Combine(request.OutDir, "report.md"), ReportWriter.Render(request.OutDir));
        WriteExplorer(request.OutDir, data, console);
        return outcomes;
    }

    /// <summary>OUT/explorer.html from every results folder's assignments.csv.</summary>
    private static void WriteExplorer(string outDir, Dataset data, RunConsole console)
    {
        var explorer = Explorer.ExplorerData.Load(outDir, data, out var skipped);
        foreach (var task in skipped) console.Line($"  explorer: results_{task} is of other tracks than this run's; run it again to show it");
        string path = Path.Combine(Path.GetFullPath(outDir), Explorer.ExplorerPage.FileName);
        Explorer.ExplorerPage.Write(path, explorer, "MusicCluster explorer");
        console.Line($"explorer: {path}");
    }

    private static TaskOutcome RunTask(string task, string hash, RunRequest request, Dataset data, RunConsole console)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        // Decode before the task folder exists: a bad file stops the run here, before any training, and leaves no work folder.
        bool extracted = !data.FeaturesLoaded;
        _ = data.Features;
        double extractSeconds = clock.Elapsed.TotalSeconds;
        var (folder, ledger, resumed) = TaskFolder.Open(request.OutDir, task, hash, line => console.Line($"  warning: {line}"));
        console.Heading(resumed
            ? $"{task}: resuming in {folder.WorkPath} ({ledger.Stages.Count} finished stages kept)"
            : $"{task}: {data.Count} tracks → {folder.FinalPath}");
        var ctx = new TaskContext(task, request.Config, data, folder, ledger, console, request.Backend);
        if (data.LabelSets.Count == 0)
            ctx.Notes.Add("The manifest has neither a language nor a genre column with values, so ARI, NMI and purity are skipped; only the intrinsic metrics (silhouette, Calinski–Harabasz, Davies–Bouldin) are reported.");
        else if (data.Language is null)
            ctx.Notes.Add("The manifest has no language labels, so the language metrics are skipped.");
        else if (data.Genre is null)
            ctx.Notes.Add("The manifest has no genre labels, so the genre metrics are skipped.");
        if (data.SkippedFiles.Count > 0)
            ctx.Notes.Add($"{data.SkippedFiles.Count} file(s) could not be read and were left out (--skip-bad-files): " +
                string.Join("; ", data.SkippedFiles.Select(b => $"`{b.File}`: {b.Reason}")) + ".");

        var report = task switch
        {
            "easy" => EasyTask.Run(ctx),
            "medium" => MediumTask.Run(ctx),
            "hard" => HardTask.Run(ctx),
            _ => throw new ArgumentException($"unknown task '{task}'"),
        };
        if (extracted)
        {
            int at = ctx.ExtraTimings.FindIndex(t => t.Name == "extract-features");
            if (at >= 0) ctx.ExtraTimings[at] = ctx.ExtraTimings[at] with { Seconds = extractSeconds };
        }
        TaskAnnotations.Apply(ctx, report);
        var maps = TrackAssignments.Compute(ctx, report.PrimaryMetric);
        TaskFigures.ByCluster(ctx, maps);
        report.Notes.InsertRange(0, ctx.Notes);
        report.Figures.AddRange(ctx.Figures);

        TrackAssignments.Write(Path.Combine(folder.WorkPath, TrackAssignments.FileName), data, maps);

        MetricsCsv.Write(Path.Combine(folder.WorkPath, "metrics.csv"), task, report.Rows);
        AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, "summary.md"), SummaryWriter.Render(report));
        string fragment = SummaryWriter.Render(report, $"results_{task}/", headingLevel: 2);
        AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, "report-fragment.md"), fragment);
        double seconds = clock.Elapsed.TotalSeconds;
        var stages = ledger.Stages.Select(s => new StageTiming(s.Name, Math.Round(s.Seconds, 3), ledger.ReusedThisRun.Contains(s.Name)))
            .Concat(ctx.ExtraTimings.Select(t => t with { Seconds = Math.Round(t.Seconds, 3) })).ToList();
        var info = new RunInfo(task, request.Command, started, DateTime.UtcNow, Math.Round(seconds, 3),
            request.Config, hash, ctx.Seeds, data.Manifest.Folder, data.Count, request.Config.Device, request.DeviceUsed,
            VersionInfo.Current(), MachineInfo.Current(), stages, report.Notes, report.BuiltFromLabels);
        AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, "run.json"), ConfigJson.Serialize(info));
        ledger.MarkComplete();
        folder.Publish();
        console.Line($"  {task} finished in {seconds:F1} s → {folder.FinalPath}");
        return new TaskOutcome(task, resumed ? "resumed" : "ran", seconds, report, folder.FinalPath);
    }
}
