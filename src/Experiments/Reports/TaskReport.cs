namespace MusicCluster.Experiments.Reports;

/// <summary>A figure of a task: caption and path relative to the task folder.</summary>
public sealed record Figure(string Caption, string RelativePath);

/// <summary>Everything summary.md says about one task: rows, extra tables, figures and notes.</summary>
public sealed class TaskReport
{
    /// <summary>easy, medium or hard.</summary>
    public string Task { get; init; } = "";

    /// <summary>Heading, e.g. "Easy — MLP VAE on spectral statistics vs PCA".</summary>
    public string Title { get; init; } = "";

    /// <summary>One paragraph on what was run.</summary>
    public string Description { get; init; } = "";

    /// <summary>Tracks clustered.</summary>
    public int Tracks { get; init; }

    /// <summary>Seeds used.</summary>
    public int[] Seeds { get; init; } = [];

    /// <summary>The metric used to pick the best algorithm per representation (e.g. ari_genre, else silhouette).</summary>
    public string PrimaryMetric { get; init; } = MetricNames.Silhouette;

    /// <summary>Which label sets exist ("language", "genre"), for the automatic reading.</summary>
    public string[] LabelSets { get; init; } = [];

    /// <summary>Representations built from a label set itself (label name → representations), left out of that label's reading.</summary>
    public Dictionary<string, string[]> BuiltFromLabels { get; init; } = [];

    /// <summary>Which k K-Means and Ward used, short, for the titles of tables with label scores ("k = 2 = number of languages").</summary>
    public string? KShort { get; set; }

    /// <summary>Which k was used and why, and how it bears on the label scores; shown above the tables.</summary>
    public string? KNote { get; set; }

    public List<MetricRow> Rows { get; init; } = [];
    public List<MarkdownTable> ExtraTables { get; init; } = [];
    public List<Figure> Figures { get; init; } = [];

    /// <summary>Skipped tables and why, and other caveats a reader must know.</summary>
    public List<string> Notes { get; init; } = [];
}
