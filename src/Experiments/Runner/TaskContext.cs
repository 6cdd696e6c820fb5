using MusicCluster.Experiments.Reports;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>What a task needs while it runs: configuration, data, its folder and ledger, the console, and its notes.</summary>
public sealed class TaskContext(string task, RunConfig config, Dataset data, TaskFolder folder, StageLedger ledger, RunConsole console, ITensorBackend? backend = null)
{
    /// <summary>Where models train (the CPU backend unless --device chose a GPU).</summary>
    public ITensorBackend Backend { get; } = backend ?? CpuBackend.Instance;

    public string Task { get; } = task;
    public RunConfig Config { get; } = config;
    public Dataset Data { get; } = data;
    public TaskFolder Folder { get; } = folder;
    public StageLedger Ledger { get; } = ledger;
    public RunConsole Console { get; } = console;

    /// <summary>Seeds Seed, Seed + 1, …</summary>
    public int[] Seeds { get; } = Enumerable.Range(0, config.Seeds).Select(i => config.Seed + i).ToArray();

    /// <summary>Caveats and skipped tables, shown in summary.md and run.json.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Timed steps that are not ledger stages (feature extraction), for run.json.</summary>
    public List<StageTiming> ExtraTimings { get; } = [];

    /// <summary>The clusterings done so far, by representation and seed (the t-SNE of an unlabelled collection is coloured by them).</summary>
    public Dictionary<(string Representation, int Seed), ClusterStageResult> Clusterings { get; } = [];
    /// <summary>Representations clustered so far, in first-clustered order (for assignments.csv and the explorer).</summary>
    public List<ClusteredRepresentation> Clustered { get; } = [];

    /// <summary>Models trained so far (for the encoder metadata and saved centres beside their checkpoints).</summary>
    public List<TrainedModel> Models { get; } = [];

    /// <summary>t-SNE figures drawn so far (redrawn by cluster once the best clusterings are known).</summary>
    public List<TsneFigure> TsneFigures { get; } = [];

    /// <summary>Figures written so far.</summary>
    public List<Figure> Figures { get; } = [];

    /// <summary>How k was chosen, once <see cref="K"/> was called (stated in summary.md next to every table that uses it).</summary>
    public KChoice? KChoice { get; private set; }

    /// <summary>Number of clusters for K-Means and Ward: the configured k, else the number of classes of <paramref name="preferred"/>,
    /// else (or with <c>--k auto</c>) the best silhouette of K-Means on the standardised spectral statistics (<see cref="KSelection"/>).</summary>
    public int K(LabelSet? preferred)
    {
        var c = Config.Clustering;
        KChoice = KSelection.Choose(c, preferred, () => Ledger.Run("k-sweep", () =>
            KSelection.Sweep(Representations.Standardise(Data.Features.Spectral), c.AutoKMin, c.AutoKMax, c.KMeansNInit, Seeds[0])));
        return KChoice.K;
    }

    /// <summary>Adds a figure with a path relative to the task folder.</summary>
    public string Figure(string fileName, string caption)
    {
        Figures.Add(new Figure(caption, "figures/" + fileName));
        return Path.Combine(Folder.Figures, fileName);
    }

    /// <summary>Runs and times a step that is recomputed on every run (not stored in the ledger).</summary>
    public T Timed<T>(string name, Func<T> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = work();
        ExtraTimings.Add(new StageTiming(name, clock.Elapsed.TotalSeconds, false));
        return result;
    }
}
