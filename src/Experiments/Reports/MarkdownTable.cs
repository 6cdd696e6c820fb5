using System.Text;

namespace MusicCluster.Experiments.Reports;

/// <summary>A titled table rendered as GitHub-flavoured Markdown.</summary>
public sealed record MarkdownTable(string Title, string[] Headers, List<string[]> Rows)
{
    /// <summary>The table as Markdown, title as a level-3 heading; pipes in cells are escaped.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(Title).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", Headers.Select(Escape))).Append(" |\n");
        sb.Append('|').Append(string.Concat(Headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        return sb.Append('\n').ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
