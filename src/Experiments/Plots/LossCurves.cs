using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Per-epoch training losses: reconstruction on the left axis, KL on the right (their scales differ by orders of magnitude).</summary>
public static class LossCurves
{
    /// <summary>One reconstruction and one KL curve per seed (KL empty for a plain autoencoder); saves the figure.</summary>
    public static void Save(string path, string title, IReadOnlyList<(int Seed, double[] Recon, double[] Kl)> series)
    {
        var plot = PlotFile.Create(title, "epoch", "reconstruction loss");
        bool anyKl = false;
        for (int s = 0; s < series.Count; s++)
        {
            var (seed, recon, kl) = series[s];
            double[] epochs = Enumerable.Range(1, recon.Length).Select(e => (double)e).ToArray();
            var r = plot.Add.Scatter(epochs, recon);
            // Seeds differ by shade and marker, so that three seeds stay apart where their curves meet.
            var marker = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp }[s % 3];
            r.Color = PlotFile.Category(0).WithAlpha(1.0 - 0.3 * (s % 3));
            r.MarkerShape = marker;
            r.LineWidth = 2;
            r.MarkerSize = 7;
            r.LegendText = $"reconstruction (seed {seed})";
            if (kl.Length == 0) continue;
            anyKl = true;
            var k = plot.Add.Scatter(epochs[..kl.Length], kl);
            k.Axes.YAxis = plot.Axes.Right;
            k.Color = PlotFile.Category(1).WithAlpha(1.0 - 0.3 * (s % 3));
            k.MarkerShape = marker;
            k.LineWidth = 2;
            k.LinePattern = LinePattern.Dashed;
            k.MarkerSize = 7;
            k.LegendText = $"KL (seed {seed}, right axis)";
        }
        if (anyKl) plot.Axes.Right.Label.Text = "KL divergence";
        plot.Axes.Right.Label.FontSize = 15;
        // Epochs are whole numbers; outside the data area the legend never covers a curve.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        PlotFile.Save(plot, path);
    }
}
