using System.Globalization;
using MusicCluster.Experiments.Reports;
using Spectre.Console;

namespace MusicCluster.Experiments.Runner;

/// <summary>The table printed at the end of a run: per task, the best representation for each label set (by NMI, as summary.md) and by silhouette.</summary>
public static class SummaryTable
{
    /// <summary>Renders the outcomes (tasks that were up to date are listed with their folder).</summary>
    public static Table Build(IEnumerable<TaskOutcome> outcomes)
    {
        var table = new Table().Title("MusicCluster results (mean over seeds)")
            .AddColumns("task", "status", "time", "best for language (ARI / NMI)", "best for genre (ARI / NMI)", "best silhouette", "folder");
        foreach (var o in outcomes)
        {
            var groups = o.Report is null ? [] : SeedAggregate.Group(o.Report.Rows);
            table.AddRow(
                Markup.Escape(o.Task), Markup.Escape(o.Status),
                o.Seconds > 0 ? o.Seconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "—",
                Markup.Escape(Best(groups, "language", o.Report)), Markup.Escape(Best(groups, "genre", o.Report)),
                Markup.Escape(BestSilhouette(groups)), Markup.Escape(o.Folder));
        }
        return table;
    }

    private static string Best(List<SeedAggregate> groups, string label, TaskReport? report)
    {
        string ari = MetricNames.Label("ari", label), nmi = MetricNames.Label("nmi", label);
        // A representation built from these very labels would win trivially.
        var leaked = report is not null && report.BuiltFromLabels.TryGetValue(label, out var l) ? l : [];
        var best = groups.Where(g => double.IsFinite(g.MeanOf(ari)) && !leaked.Contains(g.Representation)).MaxBy(g => g.MeanOf(nmi));
        return best is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{best.Representation} + {best.Algorithm}: {best.MeanOf(ari):F3} / {best.MeanOf(nmi):F3}");
    }

    private static string BestSilhouette(List<SeedAggregate> groups)
    {
        var best = groups.Where(g => g.Algorithm != "dbscan" && double.IsFinite(g.MeanOf(MetricNames.Silhouette))).MaxBy(g => g.MeanOf(MetricNames.Silhouette));
        return best is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{best.Representation} + {best.Algorithm}: {best.MeanOf(MetricNames.Silhouette):F3}");
    }
}
