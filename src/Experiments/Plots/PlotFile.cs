using ScottPlot;

namespace MusicCluster.Experiments.Plots;

/// <summary>Saving and shared styling of the runner's figures.</summary>
public static class PlotFile
{
    /// <summary>Default figure size in pixels.</summary>
    public const int Width = 900, Height = 650;

    /// <summary>Saves <paramref name="plot"/> as a PNG through a temporary file and a rename.</summary>
    public static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.png");
        try
        {
            plot.SavePng(tmp, width, height);
            File.Move(tmp, full, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    /// <summary>A new plot with the title and axis labels set and readable font sizes.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 18);
        plot.XLabel(xLabel, size: 15);
        plot.YLabel(yLabel, size: 15);
        return plot;
    }

    /// <summary>The i-th colour of a 10-colour categorical palette (Tableau/Category10).</summary>
    public static Color Category(int i) => new ScottPlot.Palettes.Category10().GetColor(i);
}
