using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>The sorted k-distance curve used to choose DBSCAN's eps, with the chosen eps marked.</summary>
public static class KDistancePlot
{
    /// <summary>Draws the ascending k-distances and a horizontal line at <paramref name="eps"/>.</summary>
    public static void Save(string path, string title, ReadOnlySpan<double> sortedKDistances, int k, double eps)
    {
        var plot = PlotFile.Create(title, "points sorted by distance", $"distance to {k}-th nearest neighbour");
        double[] ys = sortedKDistances.ToArray();
        double[] xs = Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray();
        var curve = plot.Add.Scatter(xs, ys);
        curve.LineWidth = 2;
        curve.MarkerSize = 0;
        curve.LegendText = $"{k}-distance";
        var line = plot.Add.HorizontalLine(eps);
        line.Color = PlotFile.Category(3);
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 2;
        line.LegendText = $"eps = {eps:G4}";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        PlotFile.Save(plot, path);
    }
}
