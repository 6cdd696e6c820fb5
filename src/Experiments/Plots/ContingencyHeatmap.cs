using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Counts of tracks per (reference label, cluster) as an annotated heat-map.</summary>
public static class ContingencyHeatmap
{
    /// <summary>Draws <paramref name="counts"/>[label, cluster] with the count written in every cell.</summary>
    public static void Save(string path, string title, long[,] counts, IReadOnlyList<string> labelNames, IReadOnlyList<string> clusterNames, string labelAxis)
    {
        int rows = counts.GetLength(0), cols = counts.GetLength(1);
        var data = new double[rows, cols];
        long max = 1;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                data[r, c] = counts[r, c];
                max = Math.Max(max, counts[r, c]);
            }
        var plot = PlotFile.Create(title, "cluster", labelAxis);
        var hm = plot.Add.Heatmap(data);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        // By default cell (r, c) is centred on x = c, y = rows − 1 − r: row 0 on top, as the matrix is printed.
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                var t = plot.Add.Text(counts[r, c].ToString(System.Globalization.CultureInfo.InvariantCulture), c, rows - 1 - r);
                t.LabelFontSize = cols > 12 ? 10 : 14;
                t.LabelAlignment = Alignment.MiddleCenter;
                // White on a translucent dark box reads on every colour of the map.
                t.LabelFontColor = Colors.White;
                t.LabelBackgroundColor = Colors.Black.WithAlpha(0.45);
                t.LabelPadding = 3;
                t.LabelBold = true;
            }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, cols).Select(c => (double)c).ToArray(), clusterNames.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), labelNames.ToArray());
        plot.Add.ColorBar(hm).Label = "tracks";
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
        PlotFile.Save(plot, path, Math.Max(600, 120 + 60 * cols), Math.Max(450, 150 + 50 * rows));
    }
}
