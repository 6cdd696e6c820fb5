using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>One representation as a task clustered it: the first seed's matrix and the rows and labels of every seed.</summary>
/// <remarks>Collected as the task runs, so the per-track outputs (assignments, maps, the explorer) follow whatever representations a task defines.</remarks>
public sealed class ClusteredRepresentation(string name, FeatureMatrix matrix, int seed)
{
    /// <summary>The representation's name as in metrics.csv.</summary>
    public string Name { get; } = name;

    /// <summary>The rows clustered with <see cref="Seed"/> (one per track).</summary>
    public FeatureMatrix Matrix { get; } = matrix;

    /// <summary>The first seed it was clustered with; its labels and maps are the ones shown per track.</summary>
    public int Seed { get; } = seed;

    /// <summary>Metric rows of every seed and algorithm.</summary>
    public List<MetricRow> Rows { get; } = [];

    /// <summary>Labels of every seed and algorithm, parallel to <see cref="Rows"/>.</summary>
    public List<ClusterLabels> Labels { get; } = [];

    /// <summary>Adds the rows and labels of one seed to the representation named in <paramref name="result"/>, creating it on first sight.</summary>
    public static void Record(List<ClusteredRepresentation> all, string name, FeatureMatrix x, int seed, ClusterStageResult result)
    {
        var rep = all.Find(r => r.Name == name);
        if (rep is null) all.Add(rep = new ClusteredRepresentation(name, x, seed));
        rep.Rows.AddRange(result.Rows);
        rep.Labels.AddRange(result.Labels);
    }
}
