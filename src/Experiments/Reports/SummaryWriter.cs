using System.Globalization;
using System.Text;

namespace MusicCluster.Experiments.Reports;

/// <summary>Writes a task's summary.md: the best clustering per representation, all results, extra tables, a short reading and the figures.</summary>
public static class SummaryWriter
{
    /// <summary>The Markdown text; figure links are prefixed by <paramref name="linkPrefix"/> (for report.md one level up).</summary>
    public static string Render(TaskReport r, string linkPrefix = "", int headingLevel = 1)
    {
        string h = new('#', headingLevel);
        var sb = new StringBuilder();
        sb.Append(h).Append(' ').Append(r.Title).Append("\n\n");
        sb.Append(r.Description).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{r.Tracks} tracks; seeds {string.Join(", ", r.Seeds)}; figures are mean ± std over the seeds (sample std).\n\n");
        foreach (var note in r.Notes) sb.Append("> **Note.** ").Append(note).Append("\n\n");
        if (r.KNote is not null) sb.Append("**Which k.** ").Append(r.KNote).Append("\n\n");
        if (r.Rows.Any(row => row.Metrics.ContainsKey(MetricNames.SilhouetteSample)))
            sb.Append("> **Note.** Silhouette is estimated on a seeded random sample of rows where the column `silhouette_sample` gives its size (scikit-learn's `sample_size`); the other metrics use every row.\n\n");

        var groups = SeedAggregate.Group(r.Rows);
        if (groups.Count > 0)
        {
            sb.Append(Reading(r, groups)).Append("\n\n");
            sb.Append(BestPerRepresentation(r, groups).Render());
            sb.Append(AllResults(groups, r.KShort).Render());
        }
        else
        {
            sb.Append("No clustering results were produced.\n\n");
        }
        foreach (var t in r.ExtraTables) sb.Append(t.Render());
        if (r.Figures.Count > 0)
        {
            sb.Append("### Figures\n\n");
            foreach (var f in r.Figures) sb.Append(CultureInfo.InvariantCulture, $"**{f.Caption}**\n\n![{f.Caption}]({linkPrefix}{f.RelativePath})\n\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"All rows: [metrics.csv]({linkPrefix}metrics.csv); configuration, versions and timings: [run.json]({linkPrefix}run.json).\n\n");
        return sb.ToString();
    }

    /// <summary>For each representation, the algorithm with the best mean <see cref="TaskReport.PrimaryMetric"/>.</summary>
    public static MarkdownTable BestPerRepresentation(TaskReport r, List<SeedAggregate> groups)
    {
        var metrics = MetricsCsv.Columns(r.Rows);
        var rows = new List<string[]>();
        foreach (var rep in groups.GroupBy(g => g.Representation))
        {
            var best = Best(rep, r.PrimaryMetric) ?? rep.FirstOrDefault(g => g.CanBeBest);
            if (best is null)
                rows.Add([rep.Key, "none (every clustering found fewer than 2 clusters)", "—", .. metrics.Select(_ => "—")]);
            else
                rows.Add([rep.Key, best.Algorithm, best.Clusters.Format(1), .. metrics.Select(m => best.Metrics.TryGetValue(m, out var v) ? v.Format() : "—")]);
        }
        return new MarkdownTable($"Best clustering per representation (by {r.PrimaryMetric}{(r.KShort is null ? "" : "; " + r.KShort)})",
            ["representation", "algorithm", "clusters", .. metrics], rows);
    }

    /// <summary>Every representation × algorithm with every metric; <paramref name="kShort"/> (which k K-Means and Ward used) goes in the title.</summary>
    public static MarkdownTable AllResults(List<SeedAggregate> groups, string? kShort = null)
    {
        var metrics = groups.SelectMany(g => g.Metrics.Keys).Distinct().ToList();
        metrics = MetricNames.Order.Where(metrics.Contains).Concat(metrics.Where(m => !MetricNames.Order.Contains(m))).ToList();
        var rows = groups.Select(g => (string[])[g.Representation, g.Algorithm, g.Clusters.Format(1), g.Noise.Format(1),
            .. metrics.Select(m => g.Metrics.TryGetValue(m, out var v) ? v.Format() : "—")]).ToList();
        return new MarkdownTable(kShort is null ? "All results" : $"All results ({kShort})", ["representation", "algorithm", "clusters", "noise", .. metrics], rows);
    }

    /// <summary>A few sentences naming the representation that aligns best with each label set, and the most compact one.</summary>
    public static string Reading(TaskReport r, List<SeedAggregate> groups)
    {
        var sb = new StringBuilder("**Reading.** ");
        foreach (var label in r.LabelSets)
        {
            string metric = MetricNames.Label("nmi", label);
            var leaked = r.BuiltFromLabels.TryGetValue(label, out var l) ? l : [];
            var best = Best(groups.Where(g => !leaked.Contains(g.Representation)), metric);
            if (best is null) continue;
            var ari = best.Metrics.TryGetValue(MetricNames.Label("ari", label), out var a) ? a : default;
            // Below this NMI a "best" representation is chance-level agreement, and saying it aligns would mislead.
            const double chance = 0.1;
            if (best.MeanOf(metric) < chance)
                sb.Append(CultureInfo.InvariantCulture,
                    $"No representation aligns with **{label}**: the highest NMI is {best.Metrics[metric].Format()} (*{best.Representation}*, {best.Algorithm}), close to chance");
            else
                sb.Append(CultureInfo.InvariantCulture,
                    $"The representation that aligns best with **{label}** is *{best.Representation}* ({best.Algorithm}: NMI {best.Metrics[metric].Format()}, ARI {ari.Format()})");
            sb.Append(leaked.Length > 0 ? $", not counting {string.Join(", ", leaked)}, which contains the {label} labels. " : ". ");
        }
        if (r.LabelSets.Length == 0) sb.Append("No reference labels were available, so only the intrinsic metrics can be compared. ");
        var compact = Best(groups.Where(g => g.Algorithm != "dbscan"), MetricNames.Silhouette);
        if (compact is not null)
            sb.Append(CultureInfo.InvariantCulture,
                $"The most compact, best separated clustering by silhouette is *{compact.Representation}* with {compact.Algorithm} ({compact.Metrics[MetricNames.Silhouette].Format()}); silhouette compares geometry within one space, so it says little across spaces of different dimension.");
        return sb.ToString();
    }

    /// <summary>The group with the best mean <paramref name="metric"/> (lowest where lower is better), or null when none has a value.</summary>
    public static SeedAggregate? Best(IEnumerable<SeedAggregate> groups, string metric)
    {
        SeedAggregate? best = null;
        bool lower = MetricNames.LowerIsBetter(metric);
        foreach (var g in groups)
        {
            double v = g.MeanOf(metric);
            if (!double.IsFinite(v) || !g.CanBeBest) continue;
            double b = best?.MeanOf(metric) ?? double.NaN;
            if (best is null || (lower ? v < b : v > b)) best = g;
        }
        return best;
    }
}
