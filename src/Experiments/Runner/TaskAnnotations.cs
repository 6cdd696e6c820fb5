using System.Globalization;
using MusicCluster.Experiments.Plots;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>What every task's summary says beyond its own tables: which k was used and why, the k sweep, and degenerate DBSCAN results.</summary>
public static class TaskAnnotations
{
    /// <summary>Adds the k note (and the sweep table and figure when k was chosen by silhouette) and the DBSCAN hints to <paramref name="report"/>.</summary>
    public static void Apply(TaskContext ctx, TaskReport report)
    {
        if (ctx.KChoice is { } k)
        {
            report.KShort = k.Short;
            var caveat = ctx.Data.LabelSets.Count > 0 ? KSelection.LabelCaveat(k, ctx.Data.LabelSets, ctx.Task) : null;
            report.KNote = k.Reason + " DBSCAN finds its own number of clusters." + (caveat is null ? "" : " " + caveat);
            for (int i = 0; i < report.ExtraTables.Count; i++)
                if (report.ExtraTables[i].Headers.Any(IsLabelMetric))
                    report.ExtraTables[i] = report.ExtraTables[i] with { Title = $"{report.ExtraTables[i].Title}; {k.Short}" };
            if (k.Sweep is { Count: > 0 } sweep)
            {
                report.ExtraTables.Insert(0, KSelection.Table(k));
                KSweepPlot.Save(ctx.Figure("k_sweep.png", "Silhouette of K-Means on the standardised spectral statistics for each k; the highest picks k"),
                    $"Choosing k by silhouette ({ctx.Task})", sweep.Select(p => p.K).ToArray(), sweep.Select(p => p.Silhouette).ToArray(), k.K);
            }
        }
        if (DegenerateDbscan(report.Rows, ctx.Data.Count, ctx.Config.Clustering.DbscanEps is not null) is { } note) ctx.Notes.Add(note);
    }

    /// <summary>One note naming the representations where DBSCAN found fewer than 2 clusters or nearly all noise, or null.</summary>
    public static string? DegenerateDbscan(IEnumerable<MetricRow> rows, int n, bool epsConfigured)
    {
        var bad = rows.Where(r => r.Algorithm == "dbscan" && DbscanHint.IsDegenerate(r.Clusters, r.NoisePoints, n))
            .GroupBy(r => r.Representation).Select(g => g.First()).ToList();
        if (bad.Count == 0) return null;
        var which = bad.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Representation} (eps {(r.Metrics.TryGetValue(MetricNames.Eps, out double e) ? e.ToString("G3", CultureInfo.InvariantCulture) : "?")}: {r.Clusters} cluster{(r.Clusters == 1 ? "" : "s")}, {r.NoisePoints} noise)"));
        string advice = epsConfigured
            ? "eps was set by clustering.dbscanEps; leave it unset to take eps from each representation's k-distance knee, or try another value."
            : "Their eps is the knee of the k-distance curve, which has no clear knee there (see the k-distance figure): the tracks do not form dense groups at one scale. Set clustering.dbscanEps to try another radius (larger joins, smaller splits).";
        return $"DBSCAN found fewer than 2 clusters or left at least {(int)(DbscanHint.NoiseShare * 100)} % of the tracks as noise on {string.Join(", ", which)}. " +
            "Such clusterings are never picked as a representation's best. " + advice;
    }

    private static bool IsLabelMetric(string header) =>
        header.StartsWith("ari_", StringComparison.Ordinal) || header.StartsWith("nmi_", StringComparison.Ordinal) || header.StartsWith("purity_", StringComparison.Ordinal);
}
