using System.Globalization;
using MusicCluster.Experiments.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MusicCluster.Experiments.Runner;

/// <summary>The table printed at the end of a run: per task, the best representation for each label set (by NMI, as summary.md) and by silhouette.</summary>
/// <remarks>Cells hold one short item per line so that the table fits 80 columns; when it would not fit the console (long
/// representation names, a narrow terminal) the same content is printed as indented lines, wrapped between words.</remarks>
public static class SummaryTable
{
    private const string Title = "MusicCluster results (mean over seeds)";
    private static readonly string[] Headers = ["task", "status", "best for language\nARI / NMI", "best for genre\nARI / NMI", "best silhouette"];

    /// <summary>Renders the outcomes for a console <paramref name="width"/> columns wide (up-to-date tasks show their stored results).</summary>
    public static IRenderable Build(IEnumerable<TaskOutcome> outcomes, int width = Cli.ConsoleWidth.Default)
    {
        var cells = outcomes.Select(Cells).ToList();
        // Widest line per column, plus Spectre's border and one space of padding either side of every cell.
        int needed = 1 + Enumerable.Range(0, Headers.Length)
            .Sum(c => 3 + cells.Select(r => r[c]).Append(Headers[c]).SelectMany(s => s.Split('\n')).Max(l => l.Length));
        if (needed <= width)
        {
            var table = new Table().Title(Title);
            foreach (var h in Headers) table.AddColumn(new TableColumn(Markup.Escape(h)).NoWrap());
            foreach (var row in cells) table.AddRow(row.Select(c => (IRenderable)new Text(c)).ToArray());
            return table;
        }
        var lines = new List<string> { Title };
        foreach (var row in cells)
        {
            lines.Add($"{row[0]}: {row[1].Replace('\n', ' ')}");
            for (int c = 2; c < Headers.Length; c++)
                lines.AddRange(Wrap($"{Headers[c].Replace('\n', ' ')}: {row[c].Replace('\n', ' ')}", width, "  ", "      "));
        }
        return new Text(string.Join('\n', lines) + "\n");
    }

    private static string[] Cells(TaskOutcome o)
    {
        var groups = o.Report is null ? [] : SeedAggregate.Group(o.Report.Rows);
        string status = o.Seconds > 0 ? $"{o.Status}\n{o.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s" : o.Status;
        return [o.Task, status, Best(groups, "language", o.Report), Best(groups, "genre", o.Report), BestSilhouette(groups)];
    }

    private static string Best(List<SeedAggregate> groups, string label, TaskReport? report)
    {
        string ari = MetricNames.Label("ari", label), nmi = MetricNames.Label("nmi", label);
        // A representation built from these very labels would win trivially.
        var leaked = report is not null && report.BuiltFromLabels.TryGetValue(label, out var l) ? l : [];
        var best = groups.Where(g => g.CanBeBest && double.IsFinite(g.MeanOf(ari)) && !leaked.Contains(g.Representation)).MaxBy(g => g.MeanOf(nmi));
        return best is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{best.Representation}\n+ {best.Algorithm}\n{best.MeanOf(ari):F3} / {best.MeanOf(nmi):F3}");
    }

    private static string BestSilhouette(List<SeedAggregate> groups)
    {
        var best = groups.Where(g => g.CanBeBest && g.Algorithm != "dbscan" && double.IsFinite(g.MeanOf(MetricNames.Silhouette))).MaxBy(g => g.MeanOf(MetricNames.Silhouette));
        return best is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{best.Representation}\n+ {best.Algorithm}\n{best.MeanOf(MetricNames.Silhouette):F3}");
    }

    /// <summary>Splits <paramref name="text"/> between words into lines of at most <paramref name="width"/> columns (a word longer than a line stands alone).</summary>
    public static List<string> Wrap(string text, int width, string firstIndent, string indent)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder(firstIndent);
        bool empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(indent);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(word);
            empty = false;
        }
        if (!empty) lines.Add(line.ToString());
        return lines;
    }
}
