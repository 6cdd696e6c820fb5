using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MusicCluster.Clustering.Decomposition;
using MusicCluster.Clustering.Manifold;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster embed</c>: t-SNE or PCA coordinates for an n×d matrix, written as CSV.</summary>
public sealed class EmbedCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var method = new Option<string>("--method") { Description = "tsne or pca", DefaultValueFactory = _ => "tsne" };
        method.AcceptOnlyFromAmong("tsne", "pca");
        var input = new Option<string>("--input") { Description = "n×d matrix: .csv (optional header) or .npy", Required = true };
        var output = new Option<string>("--out") { Description = "embedding CSV to write", Required = true };
        var components = new Option<int>("--components") { Description = "output dimensions", DefaultValueFactory = _ => 2 };
        var perplexity = new Option<double>("--perplexity") { Description = "t-SNE perplexity", DefaultValueFactory = _ => 30.0 };
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 0 };
        var exact = new Option<bool>("--exact") { Description = "exact t-SNE instead of Barnes–Hut (FFT interpolation from 20,000 rows), O(n²)" };
        var command = new Command("embed", "Embed the rows of a matrix with t-SNE or PCA and write the coordinates.");
        foreach (var o in new Option[] { method, input, output, components, perplexity, seed, exact }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string inPath = r.GetValue(input)!, m = r.GetValue(method)!;
            var x = MatrixFile.Read(inPath);
            int c = r.GetValue(components);
            if (c < 1) throw new UserInputException($"--components must be at least 1, got {c}");
            if (m == "pca" && c > Math.Min(x.Rows, x.Columns))
                throw new UserInputException($"--components {c} exceeds min(rows, columns) = {Math.Min(x.Rows, x.Columns)} of {inPath}");
            double p = r.GetValue(perplexity);
            if (m == "tsne" && !(p > 0 && p < x.Rows)) throw new UserInputException($"--perplexity must be in (0, {x.Rows}) for {x.Rows} rows, got {p.ToString(CultureInfo.InvariantCulture)}");
            if (m == "tsne" && x.Rows < 3) throw new UserInputException($"t-SNE needs at least 3 rows, {inPath} has {x.Rows}");
            var sw = Stopwatch.StartNew();
            float[] y;
            string detail;
            if (m == "pca")
            {
                var pca = new Pca(c, seed: r.GetValue(seed)).Fit(x.Data, x.Rows, x.Columns);
                y = pca.Transform(x.Data, x.Rows, x.Columns);
                detail = "explained_variance_ratio=" + string.Join(";", pca.ExplainedVarianceRatio.Select(v => v.ToString("F6", CultureInfo.InvariantCulture)));
            }
            else
            {
                var progress = new StderrProgress("t-SNE");
                var tsne = new Tsne(c, p, r.GetValue(exact) || c != 2 ? TsneMethod.Exact : TsneMethod.Auto, seed: r.GetValue(seed)) { Progress = progress.Report }
                    .Fit(x.Data, x.Rows, x.Columns);
                progress.Done();
                y = tsne.Embedding;
                detail = $"kl_divergence={tsne.KlDivergence.ToString("F6", CultureInfo.InvariantCulture)}";
            }
            sw.Stop();
            MatrixFile.WriteCsv(r.GetValue(output)!, y, x.Rows, c, Enumerable.Range(0, c).Select(i => $"{m}{i}").ToArray());
            Console.Out.WriteLine($"method={m} n={x.Rows} d={x.Columns} {detail} seconds={sw.Elapsed.TotalSeconds.ToString("F4", CultureInfo.InvariantCulture)}");
            return 0;
        }));
        return command;
    }
}
