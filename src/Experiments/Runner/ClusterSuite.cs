using MusicCluster.Clustering.Density;
using MusicCluster.Clustering.Hierarchical;
using MusicCluster.Clustering.Metrics;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>Labels one algorithm produced on one representation with one seed; K-Means also keeps its centres (K×d row-major).</summary>
public sealed record ClusterLabels(string Representation, string Algorithm, int Seed, int[] Labels, double? Eps, float[]? Centroids = null);

/// <summary>K-Means, Ward and DBSCAN on one representation, scored with every metric that applies.</summary>
public static class ClusterSuite
{
    /// <summary>The algorithms, in table order.</summary>
    public static readonly string[] Algorithms = ["kmeans", "ward", "dbscan"];

    /// <summary>Clusters <paramref name="x"/> with each of <paramref name="algorithms"/> and returns a metric row and the labels per algorithm.</summary>
    /// <remarks>Ward is deterministic, so its rows differ between seeds only when the representation itself does (a learned latent space).</remarks>
    public static List<(MetricRow Row, ClusterLabels Labels)> Run(
        string representation, FeatureMatrix x, int seed, int k, ClusteringConfig config, IReadOnlyList<LabelSet> labelSets,
        IReadOnlyList<string>? algorithms = null)
    {
        var results = new List<(MetricRow, ClusterLabels)>();
        foreach (var algorithm in algorithms ?? Algorithms)
        {
            int[] labels;
            double? eps = null;
            float[]? centroids = null;
            switch (algorithm)
            {
                case "kmeans":
                    var km = new AdaptiveKMeans(Math.Min(k, x.Rows), config.MiniBatchKMeansAbove, config.KMeansNInit, seed).Fit(x.Data, x.Rows, x.Cols);
                    labels = km.Labels;
                    centroids = km.Centroids;
                    break;
                case "ward":
                    labels = new AgglomerativeClustering(Math.Min(k, x.Rows)).FitPredict(x.Data, x.Rows, x.Cols);
                    break;
                case "dbscan":
                    eps = config.DbscanEps ?? SuggestEps(x, config.DbscanMinSamples);
                    labels = new Dbscan(eps.Value, Math.Min(config.DbscanMinSamples, x.Rows)).FitPredict(x.Data, x.Rows, x.Cols);
                    break;
                default:
                    throw new ArgumentException($"unknown clustering algorithm '{algorithm}'", nameof(algorithms));
            }
            var row = Score(representation, algorithm, seed, x, labels, labelSets, config.SilhouetteSampleSize);
            // DBSCAN's radius is a fitted choice (k-distance knee), so it is reported next to the scores.
            if (eps is { } e) row.Metrics[MetricNames.Eps] = e;
            results.Add((row, new ClusterLabels(representation, algorithm, seed, labels, eps, centroids)));
        }
        return results;
    }

    /// <summary>eps from the knee of the sorted k-distance curve (k = min_samples).</summary>
    public static double SuggestEps(FeatureMatrix x, int minSamples) =>
        EpsSuggestion.FromKDistanceKnee(x.Data, x.Rows, x.Cols, Math.Clamp(minSamples, 2, x.Rows));

    /// <summary>Intrinsic metrics (noise excluded) and ARI/NMI/purity against every label set (noise as one cluster, as scikit-learn).</summary>
    /// <remarks>Above <paramref name="silhouetteSampleSize"/> rows the silhouette is taken on a seeded sample, and its size is recorded as a metric.</remarks>
    public static MetricRow Score(string representation, string algorithm, int seed, FeatureMatrix x, int[] labels, IReadOnlyList<LabelSet> labelSets,
        int? silhouetteSampleSize = null)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        int noise = labels.Count(l => l < 0);
        int clusters = labels.Where(l => l >= 0).Distinct().Count();
        int kept = x.Rows - noise;
        // Intrinsic scores need 2 ≤ clusters < points; otherwise they are undefined and left empty.
        if (clusters >= 2 && clusters < kept)
        {
            bool excl = noise > 0;
            var sil = Silhouette.Compute(x.Data, x.Rows, x.Cols, labels, silhouetteSampleSize, Math.Max(seed, 0), excl);
            metrics[MetricNames.Silhouette] = sil.Value;
            if (sil.Sampled) metrics[MetricNames.SilhouetteSample] = sil.Rows;
            metrics[MetricNames.CalinskiHarabasz] = CalinskiHarabasz.Score(x.Data, x.Rows, x.Cols, labels, excl);
            metrics[MetricNames.DaviesBouldin] = DaviesBouldin.Score(x.Data, x.Rows, x.Cols, labels, excl);
        }
        foreach (var set in labelSets)
        {
            var c = ContingencyMatrix.Build(set.Codes, labels);
            metrics[MetricNames.Label("ari", set.Name)] = AdjustedRandIndex.Score(c);
            metrics[MetricNames.Label("nmi", set.Name)] = MutualInformation.Normalized(c);
            metrics[MetricNames.Label("purity", set.Name)] = Purity.Score(c);
        }
        return new MetricRow(representation, algorithm, seed, clusters, noise, metrics);
    }
}
