using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MusicCluster.Clustering.Density;
using MusicCluster.Clustering.Hierarchical;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Distributed;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster cluster</c>: K-means, Ward or DBSCAN labels for an n×d matrix, written as CSV.</summary>
public sealed class ClusterCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var method = new Option<string>("--method") { Description = "kmeans, minibatch-kmeans, ward or dbscan", DefaultValueFactory = _ => "kmeans" };
        method.AcceptOnlyFromAmong("kmeans", "minibatch-kmeans", "ward", "dbscan");
        var input = new Option<string>("--input") { Description = "n×d matrix: .csv (optional header) or .npy (float32/float64)", Required = true };
        var output = new Option<string>("--out") { Description = "labels CSV to write", Required = true };
        var k = new Option<int>("--k") { Description = "number of clusters (kmeans, ward)", DefaultValueFactory = _ => 8 };
        var eps = new Option<string>("--eps") { Description = "neighbourhood radius (dbscan), or auto: the knee of the k-distance curve (k = min-samples), as `run` uses", DefaultValueFactory = _ => "0.5" };
        var minSamples = new Option<int>("--min-samples") { Description = "points within eps for a core point, itself included (dbscan)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "random seed (kmeans)", DefaultValueFactory = _ => 0 };
        var nInit = new Option<int>("--n-init") { Description = "k-means restarts; the lowest inertia wins", DefaultValueFactory = _ => 10 };
        var maxIter = new Option<int>("--max-iter") { Description = "k-means Lloyd iterations per restart", DefaultValueFactory = _ => 300 };
        var miniBatchAbove = new Option<int?>("--mini-batch-above") { Description = "rows above which kmeans is mini-batch k-means (batch 1024, 3 seedings)", DefaultValueFactory = _ => 50_000 };
        var centroids = new Option<string?>("--centroids") { Description = "saved K-Means centres (k×d .npy or .csv): assign each row to its nearest centre instead of clustering" };
        var cluster = new Option<string?>("--cluster") { Description = "HOST:PORT[,HOST:PORT…] of `musiccluster node`s: run minibatch-kmeans' assignment there (same result as locally)" };
        var batchSize = new Option<int>("--batch-size") { Description = "rows per mini-batch (minibatch-kmeans)", DefaultValueFactory = _ => 1024 };
        var command = new Command("cluster", "Cluster the rows of a matrix and write one label per row (−1 = DBSCAN noise).");
        foreach (var o in new Option[] { method, input, output, k, eps, minSamples, seed, nInit, maxIter, centroids, miniBatchAbove, cluster, batchSize }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!, m = r.GetValue(method)!;
            var x = MatrixFile.Read(inPath);
            if (r.GetValue(centroids) is { } centresPath)
            {
                if (m != "kmeans") throw new UserInputException($"--centroids assigns rows to saved K-Means centres; it cannot be combined with --method {m}");
                AssignToCentroids(x, inPath, centresPath, outPath);
                return 0;
            }
            int kv = r.GetValue(k);
            if (r.GetValue(cluster) is not null && m != "minibatch-kmeans") throw new UserInputException($"--cluster runs minibatch-kmeans on a cluster; --method {m} runs locally only");
            if (r.GetValue(batchSize) < 1) throw new UserInputException($"--batch-size must be at least 1, got {r.GetValue(batchSize)}");
            if (m is not "dbscan")
            {
                if (kv < 1) throw new UserInputException($"--k must be at least 1, got {kv}");
                if (kv > x.Rows) throw new UserInputException($"--k {kv} is larger than the number of rows ({x.Rows}) in {inPath}");
            }
            string epsText = r.GetValue(eps)!.Trim();
            bool autoEps = epsText.Equals("auto", StringComparison.OrdinalIgnoreCase);
            double epsValue = 0;
            if (m == "dbscan" && !autoEps && !(double.TryParse(epsText, NumberStyles.Float, CultureInfo.InvariantCulture, out epsValue) && epsValue > 0 && double.IsFinite(epsValue)))
                throw new UserInputException($"--eps must be positive (a number, or auto for the k-distance knee), got '{epsText}'");
            if (m == "dbscan" && r.GetValue(minSamples) < 1) throw new UserInputException($"--min-samples must be at least 1, got {r.GetValue(minSamples)}");
            if (r.GetValue(miniBatchAbove) is < 1) throw new UserInputException($"--mini-batch-above must be at least 1, got {r.GetValue(miniBatchAbove)}");
            if (r.GetValue(nInit) < 1) throw new UserInputException($"--n-init must be at least 1, got {r.GetValue(nInit)}");
            var sw = Stopwatch.StartNew();
            int[] labels;
            string detail;
            switch (m)
            {
                case "minibatch-kmeans":
                    var fit = DistributedMiniBatchKMeans.Fit(x.Data, x.Rows, x.Columns, kv, r.GetValue(batchSize), r.GetValue(seed), Math.Min(r.GetValue(nInit), 3), r.GetValue(cluster));
                    labels = fit.Labels;
                    detail = $"inertia={fit.Inertia.ToString("R", CultureInfo.InvariantCulture)} steps={fit.Steps}{(r.GetValue(cluster) is null ? "" : " cluster=" + r.GetValue(cluster))}";
                    break;
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
                    var progress = new StderrProgress("ward");
                    labels = new AgglomerativeClustering(kv) { Progress = progress.Report }.FitPredict(x.Data, x.Rows, x.Columns);
                    progress.Done();
                    detail = "";
                    break;
                default:
                    // The same knee as `run` (ClusterSuite.SuggestEps), so both pick the same radius for the same rows.
                    var matrix = new FeatureMatrix(x.Data, x.Rows, x.Columns);
                    if (autoEps && x.Rows < 2) throw new UserInputException($"--eps auto needs at least 2 rows, {inPath} has {x.Rows}");
                    double knee = x.Rows >= 2 ? ClusterSuite.SuggestEps(matrix, r.GetValue(minSamples)) : epsValue;
                    if (autoEps) epsValue = knee;
                    var db = new Dbscan(epsValue, r.GetValue(minSamples)).Fit(x.Data, x.Rows, x.Columns);
                    labels = db.Labels;
                    int noise = labels.Count(l => l < 0);
                    detail = $"eps={epsValue.ToString("R", CultureInfo.InvariantCulture)} clusters={db.ClusterCount} noise={noise}";
                    if (DbscanHint.For(db.ClusterCount, noise, x.Rows, epsValue, knee) is { } hint) Console.Error.WriteLine($"hint: {hint}");
                    break;
            }
            sw.Stop();
            MatrixFile.WriteLabels(outPath, labels);
            Console.Out.WriteLine($"method={m} n={x.Rows} d={x.Columns} {detail} seconds={sw.Elapsed.TotalSeconds.ToString("F4", CultureInfo.InvariantCulture)}".Replace("  ", " "));
            return 0;
        }));
        return command;
    }

    private static void AssignToCentroids(MatrixFile.Matrix x, string inPath, string centresPath, string outPath)
    {
        var c = MatrixFile.Read(centresPath);
        if (c.Columns != x.Columns)
            throw new UserInputException($"--centroids {centresPath}: the centres have {c.Columns} columns but {inPath} has {x.Columns}; encode the tracks with the checkpoint the centres belong to");
        var sw = Stopwatch.StartNew();
        var labels = KMeans.FromCentroids(c.Data, c.Rows, c.Columns).Predict(x.Data, x.Rows, x.Columns);
        sw.Stop();
        MatrixFile.WriteLabels(outPath, labels);
        Console.Out.WriteLine($"method=centroids n={x.Rows} d={x.Columns} k={c.Rows} seconds={sw.Elapsed.TotalSeconds.ToString("F4", CultureInfo.InvariantCulture)}");
    }
}
