namespace MusicCluster.Experiments.Reports;

/// <summary>One clustering of one representation with one seed, and every metric computed for it.</summary>
/// <param name="Representation">e.g. "vae", "pca", "hybrid-mix a=0.3".</param>
/// <param name="Algorithm">kmeans, ward or dbscan.</param>
/// <param name="Seed">The seed of the model and the clustering.</param>
/// <param name="Clusters">Clusters found (DBSCAN noise not counted).</param>
/// <param name="NoisePoints">Points DBSCAN left as noise (0 for the others).</param>
/// <param name="Metrics">Metric name → value, in the column names of metrics.csv (silhouette, ari_language, …).</param>
public sealed record MetricRow(
    string Representation, string Algorithm, int Seed, int Clusters, int NoisePoints,
    Dictionary<string, double> Metrics);

/// <summary>The metric names, in the column order of metrics.csv, and which direction is better.</summary>
public static class MetricNames
{
    public const string Silhouette = "silhouette";
    public const string CalinskiHarabasz = "calinski_harabasz";
    public const string DaviesBouldin = "davies_bouldin";

    /// <summary>Rows the silhouette was computed on when it was a seeded sample (empty when it used every row).</summary>
    public const string SilhouetteSample = "silhouette_sample";

    /// <summary>The eps DBSCAN used (empty for the other algorithms).</summary>
    public const string Eps = "eps";

    /// <summary>Known metrics in their column order; any other metric follows in first-seen order.</summary>
    public static readonly string[] Order =
    [
        Silhouette, SilhouetteSample, CalinskiHarabasz, DaviesBouldin,
        "ari_language", "nmi_language", "purity_language",
        "ari_genre", "nmi_genre", "purity_genre", Eps,
    ];

    /// <summary>"ari_genre" for (ari, genre).</summary>
    public static string Label(string metric, string labelName) => $"{metric}_{labelName}";

    /// <summary>True when smaller values are better (only Davies–Bouldin among ours).</summary>
    public static bool LowerIsBetter(string metric) => metric == DaviesBouldin;
}
