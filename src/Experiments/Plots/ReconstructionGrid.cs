using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Log-mel patches next to their reconstructions: top band inputs, bottom band reconstructions.</summary>
public static class ReconstructionGrid
{
    /// <summary>Draws <paramref name="count"/> pairs of h×w patches (row-major, mel bin 0 = lowest) side by side.</summary>
    public static void Save(string path, string title, ReadOnlySpan<float> inputs, ReadOnlySpan<float> reconstructions, int count, int h, int w,
        string xLabel = "patches (frames within each patch)", string yLabel = "mel bins (low at the bottom of each band)")
    {
        if (inputs.Length != count * h * w || reconstructions.Length != count * h * w)
            throw new ArgumentException($"expected {count} patches of {h}×{w}");
        const int gap = 4;
        int totalW = count * w + (count - 1) * gap, totalH = 2 * h + gap;
        var data = new double[totalH, totalW];
        for (int r = 0; r < totalH; r++)
            for (int c = 0; c < totalW; c++) data[r, c] = double.NaN;
        for (int p = 0; p < count; p++)
            for (int m = 0; m < h; m++)
                for (int f = 0; f < w; f++)
                {
                    int col = p * (w + gap) + f;
                    // Heat-map row 0 is drawn on top: put the highest mel bin there so pitch goes up.
                    data[h - 1 - m, col] = inputs[p * h * w + m * w + f];
                    data[h + gap + h - 1 - m, col] = reconstructions[p * h * w + m * w + f];
                }
        var plot = PlotFile.Create(title, xLabel, yLabel);
        var hm = plot.Add.Heatmap(data);
        hm.Colormap = new ScottPlot.Colormaps.Magma();
        hm.NaNCellColor = Colors.White;
        hm.Extent = new CoordinateRect(0, totalW, 0, totalH);
        plot.Add.ColorBar(hm).Label = "value as fed to the model";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [h + gap + h / 2.0, h / 2.0], ["input", "reconstruction"]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, count).Select(p => p * (w + gap) + w / 2.0).ToArray(),
            Enumerable.Range(1, count).Select(p => count == 1 ? "" : $"#{p}").ToArray());
        plot.Axes.SetLimits(0, totalW, 0, totalH);
        plot.HideGrid();
        PlotFile.Save(plot, path, Math.Max(700, 140 + count * 110), 520);
    }
}
