using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>A 2-D embedding (t-SNE) as points coloured by a label, one legend entry per label.</summary>
public static class ScatterByLabel
{
    /// <summary>Draws <paramref name="xy"/> (n×2, row-major) coloured by <paramref name="labels"/> and saves it.</summary>
    public static void Save(string path, string title, ReadOnlySpan<float> xy, IReadOnlyList<string> labels, string legendTitle)
    {
        int n = labels.Count;
        if (xy.Length != 2 * n) throw new ArgumentException($"{n} labels but {xy.Length / 2} points", nameof(labels));
        // What the colours mean goes under the title, not into the data area where it could hide points.
        var plot = PlotFile.Create($"{title}\n{legendTitle}", "t-SNE 1", "t-SNE 2");
        var names = labels.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var shapes = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown };
        for (int c = 0; c < names.Count; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < n; i++)
                if (labels[i] == names[c])
                {
                    xs.Add(xy[2 * i]);
                    ys.Add(xy[2 * i + 1]);
                }
            var m = plot.Add.Markers(xs.ToArray(), ys.ToArray());
            // DBSCAN noise and unlabelled tracks are no class of their own: grey, so the palette stays with the real ones.
            m.Color = names[c] is "noise" or "(none)" ? Colors.Gray : PlotFile.Category(c);
            m.MarkerShape = shapes[(c / 10) % shapes.Length];
            m.MarkerSize = 9;
            m.LegendText = $"{names[c]} ({xs.Count})";
        }
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 13;
        PlotFile.Save(plot, path);
    }
}
