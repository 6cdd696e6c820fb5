namespace MusicCluster.Experiments.Runner;

/// <summary>One task's output: built in <c>OUT/.results_X.work</c>, renamed to <c>OUT/results_X</c> only when complete.</summary>
/// <remarks>The rename is what keeps an older result folder whole: until the new one is finished, the old one stays untouched.</remarks>
public sealed class TaskFolder
{
    private TaskFolder(string outDir, string task)
    {
        OutDir = Path.GetFullPath(outDir);
        Task = task;
        FinalPath = Path.Combine(OutDir, $"results_{task}");
        WorkPath = Path.Combine(OutDir, $".results_{task}.work");
        OldPath = Path.Combine(OutDir, $".results_{task}.old");
    }

    /// <summary>The run's output root.</summary>
    public string OutDir { get; }

    /// <summary>easy, medium or hard.</summary>
    public string Task { get; }

    /// <summary>Where the finished results live.</summary>
    public string FinalPath { get; }

    /// <summary>Where this run writes until it is complete (kept across interruptions for resume).</summary>
    public string WorkPath { get; }

    private string OldPath { get; }

    /// <summary>Folder for PNG figures inside the work folder.</summary>
    public string Figures => Path.Combine(WorkPath, "figures");

    /// <summary>Folder for model checkpoints inside the work folder.</summary>
    public string Checkpoints => Path.Combine(WorkPath, "checkpoints");

    /// <summary>Opens the work folder of <paramref name="task"/>: kept when its ledger belongs to the same configuration, else emptied.</summary>
    /// <returns>The folder and whether earlier stages were found to resume from.</returns>
    public static (TaskFolder Folder, StageLedger Ledger, bool Resumed) Open(string outDir, string task, string configHash, Action<string>? warn = null)
    {
        var folder = new TaskFolder(outDir, task);
        Directory.CreateDirectory(folder.OutDir);
        folder.FinishInterruptedSwap();
        var ledger = StageLedger.TryLoad(folder.WorkPath, warn);
        bool resumed = ledger is not null && ledger.ConfigHash == configHash && ledger.Stages.Count > 0;
        if (!resumed)
        {
            if (Directory.Exists(folder.WorkPath)) Directory.Delete(folder.WorkPath, recursive: true);
            Directory.CreateDirectory(folder.WorkPath);
            ledger = StageLedger.Create(folder.WorkPath, configHash, warn);
        }
        Directory.CreateDirectory(folder.Figures);
        Directory.CreateDirectory(folder.Checkpoints);
        return (folder, ledger!, resumed);
    }

    /// <summary>True when <c>OUT/results_X</c> holds a finished run of exactly this configuration.</summary>
    public static bool IsUpToDate(string outDir, string task, string configHash, Action<string>? warn = null)
    {
        var folder = new TaskFolder(outDir, task);
        var ledger = StageLedger.TryLoad(folder.FinalPath, warn);
        return ledger is { Complete: true } && ledger.ConfigHash == configHash;
    }

    /// <summary>Replaces the finished folder by the work folder: old → .old, work → final, then .old is deleted.</summary>
    public void Publish()
    {
        if (Directory.Exists(OldPath)) Directory.Delete(OldPath, recursive: true);
        if (Directory.Exists(FinalPath)) Directory.Move(FinalPath, OldPath);
        Directory.Move(WorkPath, FinalPath);
        if (Directory.Exists(OldPath)) Directory.Delete(OldPath, recursive: true);
    }

    /// <summary>A kill between the two renames of <see cref="Publish"/> leaves .old (and maybe no final): put it back.</summary>
    private void FinishInterruptedSwap()
    {
        if (!Directory.Exists(OldPath)) return;
        if (Directory.Exists(FinalPath)) Directory.Delete(OldPath, recursive: true);
        else Directory.Move(OldPath, FinalPath);
    }
}
