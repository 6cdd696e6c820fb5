using System.Globalization;
using MusicCluster.Clustering.Metrics;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>One k of the silhouette sweep: K-Means with that k and its scores.</summary>
public sealed record KSweepPoint(int K, double Silhouette, double CalinskiHarabasz, double Inertia);

/// <summary>The k a task clusters with, a short form for table titles ("k = 2 = number of languages"), the full reason, and the
/// silhouette sweep when k was chosen by it (else null).</summary>
public sealed record KChoice(int K, string Short, string Reason, List<KSweepPoint>? Sweep);

/// <summary>Chooses k for K-Means and Ward: as configured, else the number of reference classes, else by silhouette.</summary>
public static class KSelection
{
    /// <summary>Rows above which the sweep's silhouette is computed on a seeded sample of this size (it is O(n²)).</summary>
    public const int SilhouetteSample = 3000;

    /// <summary>The k to use; <paramref name="sweep"/> runs the silhouette sweep (only called when one is needed).</summary>
    public static KChoice Choose(ClusteringConfig c, LabelSet? preferred, Func<List<KSweepPoint>> sweep)
    {
        if (c.K is int k) return new KChoice(k, $"k = {k}, set with --k", $"K-Means and Ward use k = {k}, as configured (--k or clustering.k).", null);
        if (preferred is not null && !c.AutoK)
        {
            k = Math.Max(2, preferred.Classes.Length);
            string what = Plural(preferred.Name);
            return new KChoice(k, $"k = {k} = number of {what}",
                $"K-Means and Ward use k = {k}, the number of {what} in the manifest ({string.Join(", ", preferred.Classes.Take(8))}{(preferred.Classes.Length > 8 ? ", …" : "")}); --k sets another k and --k auto picks it by silhouette.", null);
        }
        var points = sweep();
        var best = Best(points);
        string range = $"{points[0].K}–{points[^1].K}";
        string why = preferred is null ? ", because the manifest has no genre or language labels to count." : ", as --k auto asked.";
        return new KChoice(best.K, $"k = {best.K} by silhouette",
            string.Create(CultureInfo.InvariantCulture,
                $"K-Means and Ward use k = {best.K}: of k = {range}, it gives K-Means on the standardised spectral statistics the highest silhouette ({best.Silhouette:F3}; see the k sweep table and figure){why}"), points);
    }

    /// <summary>K-Means (seeded) for every k of [<paramref name="kMin"/>, min(<paramref name="kMax"/>, n − 1)], scored by silhouette, Calinski–Harabasz and inertia.</summary>
    public static List<KSweepPoint> Sweep(FeatureMatrix x, int kMin, int kMax, int nInit, int seed)
    {
        int hi = Math.Min(kMax, x.Rows - 1);
        if (hi < kMin) hi = kMin = Math.Max(1, Math.Min(kMin, x.Rows - 1));
        int? sample = x.Rows > SilhouetteSample ? SilhouetteSample : null;
        var points = new List<KSweepPoint>();
        for (int k = kMin; k <= hi; k++)
        {
            var km = new KMeans(k, nInit, seed: seed).Fit(x.Data, x.Rows, x.Cols);
            int found = km.Labels.Distinct().Count();
            // Duplicate points can leave a cluster empty; silhouette is undefined below two clusters.
            double s = found >= 2 ? Silhouette.Score(x.Data, x.Rows, x.Cols, km.Labels, sample, seed) : double.NaN;
            double ch = found >= 2 ? CalinskiHarabasz.Score(x.Data, x.Rows, x.Cols, km.Labels, false) : double.NaN;
            points.Add(new KSweepPoint(k, s, ch, km.Inertia));
        }
        return points;
    }

    /// <summary>The point with the highest silhouette; ties go to the smaller k.</summary>
    public static KSweepPoint Best(IReadOnlyList<KSweepPoint> points)
    {
        var best = points[0];
        foreach (var p in points)
            if (double.IsFinite(p.Silhouette) && (!double.IsFinite(best.Silhouette) || p.Silhouette > best.Silhouette)) best = p;
        return best;
    }

    /// <summary>The sweep as a Markdown table, the chosen k marked.</summary>
    public static MarkdownTable Table(KChoice choice) => new(
        "k sweep (K-Means on the standardised spectral statistics; the highest silhouette picks k)",
        ["k", MetricNames.Silhouette, MetricNames.CalinskiHarabasz, "inertia", "chosen"],
        choice.Sweep!.Select(p => new[]
        {
            p.K.ToString(CultureInfo.InvariantCulture), Format(p.Silhouette, "F3"), Format(p.CalinskiHarabasz, "F1"), Format(p.Inertia, "F1"),
            p.K == choice.K ? "✓" : "",
        }).ToList());

    /// <summary>
    /// Why a label set's scores depend on k: with more clusters than classes every class is split, which lowers ARI and NMI
    /// even for a clustering that separates the classes perfectly (purity is not lowered), so they are not comparable with a
    /// task whose k equals that label set's class count.
    /// </summary>
    public static string? LabelCaveat(KChoice choice, IReadOnlyList<LabelSet> sets, string task)
    {
        var notes = new List<string>();
        foreach (var set in sets)
        {
            int classes = set.Classes.Length;
            if (classes == choice.K) continue;
            string what = Plural(set.Name);
            string medium = task != "medium" && set.Name == "language" ? ", so they read lower than Medium's, which clusters with k = the number of languages" : "";
            notes.Add(classes < choice.K
                ? $"There are {classes} {what} but k = {choice.K}: each {set.Name} is split over several clusters, which caps ARI and NMI against {set.Name} well below 1 even when no cluster mixes two {what} (purity is not lowered by the split){medium}."
                : $"There are {classes} {what} but only k = {choice.K} clusters: some clusters must hold several {what}, which caps ARI, NMI and purity against {set.Name}.");
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    private static string Plural(string labelName) => labelName switch
    {
        "language" => "languages",
        "genre" => "genres",
        _ => labelName + " classes",
    };

    private static string Format(double v, string f) => double.IsFinite(v) ? v.ToString(f, CultureInfo.InvariantCulture) : "—";
}
