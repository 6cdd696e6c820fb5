using MusicCluster.Experiments.Plots;

namespace MusicCluster.Experiments.Tests.Runner;

public sealed class PlotTests
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "musiccluster-plot-tests");

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), path);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public void Every_figure_kind_renders_a_png_from_synthetic_data()
    {
        Directory.CreateDirectory(Dir);
        var rng = new Random(1);
        int n = 90;
        var xy = new float[2 * n];
        var labels = new string[n];
        string[] genres = ["ambient", "rock", "folk"];
        for (int i = 0; i < n; i++)
        {
            int g = i % 3;
            xy[2 * i] = (float)(5 * g + rng.NextDouble() * 3);
            xy[2 * i + 1] = (float)(3 * (g % 2) + rng.NextDouble() * 3);
            labels[i] = genres[g];
        }
        string scatter = Path.Combine(Dir, "tsne.png");
        ScatterByLabel.Save(scatter, "t-SNE of the VAE latent space (seed 42)", xy, labels, "coloured by genre");
        AssertPng(scatter);

        string loss = Path.Combine(Dir, "loss.png");
        double[] recon = Enumerable.Range(0, 20).Select(e => 40 * Math.Exp(-e / 5.0) + 3).ToArray();
        double[] kl = Enumerable.Range(0, 20).Select(e => 0.5 + 2 * (1 - Math.Exp(-e / 4.0))).ToArray();
        LossCurves.Save(loss, "Conv-VAE training loss", [(42, recon, kl), (43, recon.Select(v => v * 1.05).ToArray(), kl.Select(v => v * 0.9).ToArray())]);
        AssertPng(loss);

        string kd = Path.Combine(Dir, "kdist.png");
        double[] dists = Enumerable.Range(0, n).Select(i => 0.2 + Math.Pow(i / (double)n, 6) * 4).ToArray();
        KDistancePlot.Save(kd, "k-distance: hybrid (medium)", dists, 5, 1.1);
        AssertPng(kd);

        string alpha = Path.Combine(Dir, "alpha.png");
        double[] alphas = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
        AlphaSweepPlot.Save(alpha, "α sweep: K-Means on the weighted audio/lyrics mix", alphas,
            [("ARI language", alphas.Select(a => 0.9 - 0.8 * a).ToArray(), alphas.Select(_ => 0.05).ToArray()),
             ("NMI language", alphas.Select(a => 0.85 - 0.7 * a).ToArray(), alphas.Select(_ => 0.04).ToArray()),
             ("silhouette", alphas.Select(a => 0.2 + 0.1 * a).ToArray(), alphas.Select(_ => 0.02).ToArray())]);
        AssertPng(alpha);

        string heat = Path.Combine(Dir, "contingency.png");
        var counts = new long[,] { { 20, 1, 3, 0, 0 }, { 2, 18, 0, 4, 0 }, { 0, 0, 21, 1, 2 }, { 1, 3, 0, 17, 3 }, { 0, 0, 2, 1, 21 } };
        ContingencyHeatmap.Save(heat, "Clusters vs genre: hybrid + K-Means (seed 42)", counts,
            ["ambient", "rock", "folk", "electronic", "baul"], ["0", "1", "2", "3", "4"], "genre");
        AssertPng(heat);
        var diagonal = new long[6, 6];
        for (int i = 0; i < 6; i++) diagonal[i, (i + 3) % 6] = 20;
        string heat6 = Path.Combine(Dir, "contingency6.png");
        ContingencyHeatmap.Save(heat6, "six genres, one cluster each", diagonal, ["a", "b", "c", "d", "e", "f"], ["0", "1", "2", "3", "4", "5"], "genre");
        AssertPng(heat6);

        string grid = Path.Combine(Dir, "recon.png");
        int h = 64, w = 64, count = 6;
        var input = new float[count * h * w];
        var output = new float[count * h * w];
        for (int p = 0; p < count; p++)
            for (int m = 0; m < h; m++)
                for (int f = 0; f < w; f++)
                {
                    float v = (float)(-60 + 50 * Math.Exp(-Math.Abs(m - 8 * (p + 1)) / 4.0) * (0.6 + 0.4 * Math.Sin(f / (2.0 + p))));
                    input[(p * h + m) * w + f] = v;
                    output[(p * h + m) * w + f] = v * 0.9f - 6;
                }
        ReconstructionGrid.Save(grid, "Conv-VAE reconstructions (seed 42)", input, output, count, h, w);
        AssertPng(grid);
    }
}
