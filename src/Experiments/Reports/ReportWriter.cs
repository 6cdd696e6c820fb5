using System.Text;

namespace MusicCluster.Experiments.Reports;

/// <summary>Writes OUT/report.md: every finished task's summary with its figures inline, linked into one document.</summary>
public static class ReportWriter
{
    /// <summary>Tasks in report order with their titles.</summary>
    public static readonly string[] Tasks = ["easy", "medium", "hard"];

    /// <summary>Builds report.md from the <c>summary.md</c> fragments found under <paramref name="outDir"/>.</summary>
    public static string Render(string outDir)
    {
        var sb = new StringBuilder("# MusicCluster report\n\n");
        var present = Tasks.Where(t => File.Exists(Path.Combine(outDir, $"results_{t}", "report-fragment.md"))).ToList();
        if (present.Count == 0) return sb.Append("No task has finished yet.\n").ToString();
        sb.Append("Contents: ").Append(string.Join(" · ", present.Select(t => $"[{Title(t)}](#{t})"))).Append("\n\n");
        foreach (var t in Tasks)
        {
            string fragment = Path.Combine(outDir, $"results_{t}", "report-fragment.md");
            sb.Append($"<a id=\"{t}\"></a>\n\n");
            if (File.Exists(fragment)) sb.Append(File.ReadAllText(fragment));
            else sb.Append($"## {Title(t)}\n\nNot run yet (`musiccluster run {t}`).\n\n");
        }
        return sb.ToString();
    }

    private static string Title(string t) => char.ToUpperInvariant(t[0]) + t[1..];
}
