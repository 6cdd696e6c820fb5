using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Metrics of the α-weighted audio/lyrics mix against α, mean ± std over seeds as error bars.</summary>
public static class AlphaSweepPlot
{
    /// <summary>One line with error bars per metric; each curve holds (mean, std) per α, aligned with the α values.</summary>
    public static void Save(string path, string title, double[] alphas, IReadOnlyList<(string Metric, double[] Mean, double[] Std)> curves)
    {
        var plot = PlotFile.Create(title, "α (0 = lyrics only, 1 = audio only)", "score");
        for (int c = 0; c < curves.Count; c++)
        {
            var (name, mean, std) = curves[c];
            var line = plot.Add.Scatter(alphas, mean);
            line.Color = PlotFile.Category(c);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = name;
            var bars = plot.Add.ErrorBar(alphas, mean, std);
            bars.Color = PlotFile.Category(c);
        }
        plot.ShowLegend(Edge.Right);
        PlotFile.Save(plot, path);
    }
}
