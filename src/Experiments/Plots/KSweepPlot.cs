using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Silhouette of K-Means against k, with the chosen k marked: how <c>--k auto</c> picked k.</summary>
public static class KSweepPlot
{
    /// <summary>Draws silhouette per k and a vertical line at <paramref name="chosen"/>.</summary>
    public static void Save(string path, string title, int[] ks, double[] silhouette, int chosen)
    {
        var plot = PlotFile.Create(title, "k (clusters)", "silhouette (higher is better)");
        var line = plot.Add.Scatter(ks.Select(k => (double)k).ToArray(), silhouette);
        line.Color = PlotFile.Category(0);
        line.LineWidth = 2;
        line.MarkerSize = 8;
        line.LegendText = "K-Means silhouette";
        var mark = plot.Add.VerticalLine(chosen);
        mark.Color = PlotFile.Category(3);
        mark.LinePattern = LinePattern.Dashed;
        mark.LineWidth = 2;
        mark.LegendText = $"chosen k = {chosen}";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plot, path);
    }
}
