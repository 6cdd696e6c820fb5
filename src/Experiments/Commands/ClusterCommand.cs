using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MusicCluster.Clustering.Density;
using MusicCluster.Clustering.Hierarchical;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster cluster</c>: K-means, Ward or DBSCAN labels for an n×d matrix, written as CSV.</summary>
public sealed class ClusterCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var method = new Option<string>("--method") { Description = "kmeans, ward or dbscan", DefaultValueFactory = _ => "kmeans" };
        method.AcceptOnlyFromAmong("kmeans", "ward", "dbscan");
        var input = new Option<string>("--input") { Description = "n×d matrix: .csv (optional header) or .npy (float32/float64)", Required = true };
        var output = new Option<string>("--out") { Description = "labels CSV to write", Required = true };
        var k = new Option<int>("--k") { Description = "number of clusters (kmeans, ward)", DefaultValueFactory = _ => 8 };
        var eps = new Option<double>("--eps") { Description = "neighbourhood radius (dbscan)", DefaultValueFactory = _ => 0.5 };
        var minSamples = new Option<int>("--min-samples") { Description = "points within eps for a core point, itself included (dbscan)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "random seed (kmeans)", DefaultValueFactory = _ => 0 };
        var nInit = new Option<int>("--n-init") { Description = "k-means restarts; the lowest inertia wins", DefaultValueFactory = _ => 10 };
        var maxIter = new Option<int>("--max-iter") { Description = "k-means Lloyd iterations per restart", DefaultValueFactory = _ => 300 };
        var miniBatchAbove = new Option<int?>("--mini-batch-above") { Description = "rows above which kmeans is mini-batch k-means (batch 1024, 3 seedings)", DefaultValueFactory = _ => 50_000 };
        var command = new Command("cluster", "Cluster the rows of a matrix and write one label per row (−1 = DBSCAN noise).");
        foreach (var o in new Option[] { method, input, output, k, eps, minSamples, seed, nInit, maxIter, miniBatchAbove }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!, m = r.GetValue(method)!;
            var x = MatrixFile.Read(inPath);
            int kv = r.GetValue(k);
            if (m != "dbscan")
            {
                if (kv < 1) throw new UserInputException($"--k must be at least 1, got {kv}");
                if (kv > x.Rows) throw new UserInputException($"--k {kv} is larger than the number of rows ({x.Rows}) in {inPath}");
            }
            if (m == "dbscan" && !(r.GetValue(eps) > 0)) throw new UserInputException($"--eps must be positive, got {r.GetValue(eps).ToString(CultureInfo.InvariantCulture)}");
            if (m == "dbscan" && r.GetValue(minSamples) < 1) throw new UserInputException($"--min-samples must be at least 1, got {r.GetValue(minSamples)}");
            if (r.GetValue(miniBatchAbove) is < 1) throw new UserInputException($"--mini-batch-above must be at least 1, got {r.GetValue(miniBatchAbove)}");
            if (r.GetValue(nInit) < 1) throw new UserInputException($"--n-init must be at least 1, got {r.GetValue(nInit)}");
            var sw = Stopwatch.StartNew();
            int[] labels;
            string detail;
            switch (m)
            {
                case "kmeans" when x.Rows > r.GetValue(miniBatchAbove):
                    var mb = new MiniBatchKMeans(kv, seed: r.GetValue(seed), nInit: Math.Min(r.GetValue(nInit), 3)).Fit(x.Data, x.Rows, x.Columns);
                    labels = mb.Labels;
                    detail = $"mini_batch=true inertia={mb.Inertia.ToString("R", CultureInfo.InvariantCulture)} steps={mb.Steps}";
                    break;
                case "kmeans":
                    var km = new KMeans(kv, r.GetValue(nInit), r.GetValue(maxIter), seed: r.GetValue(seed)).Fit(x.Data, x.Rows, x.Columns);
                    labels = km.Labels;
                    detail = $"inertia={km.Inertia.ToString("R", CultureInfo.InvariantCulture)} iterations={km.Iterations}";
                    break;
                case "ward":
                    labels = new AgglomerativeClustering(kv).FitPredict(x.Data, x.Rows, x.Columns);
                    detail = "";
                    break;
                default:
                    var db = new Dbscan(r.GetValue(eps), r.GetValue(minSamples)).Fit(x.Data, x.Rows, x.Columns);
                    labels = db.Labels;
                    detail = $"clusters={db.ClusterCount} noise={labels.Count(l => l < 0)}";
                    break;
            }
            sw.Stop();
            MatrixFile.WriteLabels(outPath, labels);
            Console.Out.WriteLine($"method={m} n={x.Rows} d={x.Columns} {detail} seconds={sw.Elapsed.TotalSeconds.ToString("F4", CultureInfo.InvariantCulture)}".Replace("  ", " "));
            return 0;
        }));
        return command;
    }
}
