using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MusicCluster.Clustering.Decomposition;
using MusicCluster.Clustering.Density;
using MusicCluster.Clustering.Hierarchical;
using MusicCluster.Clustering.Manifold;
using MusicCluster.Clustering.Metrics;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster bench clustering</c>: times one clustering workload on a matrix file and prints one JSON line (used by benchmarks/peers/clustering_peers.py).</summary>
public sealed class ClusteringBenchCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var workload = new Option<string>("--workload") { Description = "kmeans, ward, dbscan, tsne, silhouette or pca", Required = true };
        workload.AcceptOnlyFromAmong("kmeans", "ward", "dbscan", "tsne", "silhouette", "pca");
        var input = new Option<string>("--input") { Description = "n×d matrix (.npy or .csv)", Required = true };
        var labelsOpt = new Option<string>("--labels") { Description = "labels for silhouette" };
        var k = new Option<int>("--k") { DefaultValueFactory = _ => 8, Description = "clusters (kmeans)" };
        var nInit = new Option<int>("--n-init") { DefaultValueFactory = _ => 1, Description = "k-means restarts" };
        var maxIter = new Option<int>("--max-iter") { DefaultValueFactory = _ => 100, Description = "k-means iterations" };
        var eps = new Option<double>("--eps") { DefaultValueFactory = _ => 0.5, Description = "DBSCAN radius" };
        var minSamples = new Option<int>("--min-samples") { DefaultValueFactory = _ => 5, Description = "DBSCAN core threshold" };
        var components = new Option<int>("--components") { DefaultValueFactory = _ => 2, Description = "PCA / t-SNE output dimensions" };
        var repeat = new Option<int>("--repeat") { DefaultValueFactory = _ => 1, Description = "timed runs; the fastest is reported" };
        var trust = new Option<bool>("--trust") { Description = "also compute t-SNE trustworthiness (k = 10), untimed" };
        var outLabels = new Option<string>("--out") { Description = "write labels (clustering workloads) or the embedding (tsne, last run) to this CSV" };
        var solverOpt = new Option<string>("--solver") { DefaultValueFactory = _ => "auto", Description = "PCA solver: auto, full or randomized" };
        solverOpt.AcceptOnlyFromAmong("auto", "full", "randomized");
        var tsneMethod = new Option<string>("--tsne-method") { DefaultValueFactory = _ => "auto", Description = "t-SNE method: auto (Barnes-Hut below 20,000 rows, FFT interpolation from there), bh, fft or exact" };
        tsneMethod.AcceptOnlyFromAmong("auto", "bh", "fft", "exact");
        var seedOpt = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "random seed (kmeans, tsne, pca)" };
        var command = new Command("clustering", "Time one clustering workload; prints {\"workload\", \"seconds\", \"quality\"} as JSON.");
        foreach (var o in new Option[] { workload, input, labelsOpt, k, nInit, maxIter, eps, minSamples, components, repeat, trust, outLabels, seedOpt, solverOpt, tsneMethod }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            var x = MatrixFile.Read(r.GetValue(input)!);
            string w = r.GetValue(workload)!;
            int[]? truth = r.GetValue(labelsOpt) is string lp ? MatrixFile.ReadLabels(lp) : null;
            if (w == "silhouette" && truth is null) throw new UserInputException("--labels is required for the silhouette workload");
            var times = new List<double>();
            var quality = new Dictionary<string, double>();
            int[]? labels = null;
            float[]? embedding = null;
            int seed = r.GetValue(seedOpt);
            var pcaSolver = r.GetValue(solverOpt) switch { "full" => PcaSolver.Full, "randomized" => PcaSolver.Randomized, _ => PcaSolver.Auto };
            for (int rep = 0; rep < Math.Max(1, r.GetValue(repeat)); rep++)
            {
                var sw = Stopwatch.StartNew();
                switch (w)
                {
                    case "kmeans":
                        var km = new KMeans(r.GetValue(k), r.GetValue(nInit), r.GetValue(maxIter), seed: seed).Fit(x.Data, x.Rows, x.Columns);
                        labels = km.Labels;
                        quality["inertia"] = km.Inertia; quality["iterations"] = km.Iterations;
                        break;
                    case "ward":
                        var link = WardLinkage.Fit(x.Data, x.Rows, x.Columns);
                        quality["top_height"] = link.Height[^1];
                        labels = link.Cut(r.GetValue(k));
                        break;
                    case "dbscan":
                        var db = new Dbscan(r.GetValue(eps), r.GetValue(minSamples)).Fit(x.Data, x.Rows, x.Columns);
                        labels = db.Labels;
                        quality["clusters"] = db.ClusterCount; quality["noise"] = labels.Count(l => l < 0);
                        break;
                    case "tsne":
                        var tm = r.GetValue(tsneMethod) switch { "bh" => TsneMethod.BarnesHut, "fft" => TsneMethod.FftInterpolation, "exact" => TsneMethod.Exact, _ => TsneMethod.Auto };
                        var ts = new Tsne(r.GetValue(components), method: tm, seed: seed).Fit(x.Data, x.Rows, x.Columns);
                        quality["kl_divergence"] = ts.KlDivergence;
                        quality["fft"] = ts.MethodUsed == TsneMethod.FftInterpolation ? 1 : 0;
                        sw.Stop();
                        embedding = ts.Embedding;
                        if (r.GetValue(trust) && rep == 0)
                            quality["trustworthiness"] = Trustworthiness.Score(x.Data, x.Rows, x.Columns, ts.Embedding, r.GetValue(components), 10);
                        break;
                    case "silhouette":
                        quality["silhouette"] = Silhouette.Score(x.Data, x.Rows, x.Columns, truth!);
                        break;
                    default:
                        var pca = new Pca(r.GetValue(components), pcaSolver, seed).Fit(x.Data, x.Rows, x.Columns);
                        _ = pca.Transform(x.Data, x.Rows, x.Columns);
                        quality["explained_variance_ratio_sum"] = pca.ExplainedVarianceRatio.Sum();
                        quality["exact_solver"] = pca.SolverUsed == PcaSolver.Full ? 1 : 0;
                        break;
                }
                if (sw.IsRunning) sw.Stop();
                times.Add(sw.Elapsed.TotalSeconds);
            }
            if (labels is not null && r.GetValue(outLabels) is string op) MatrixFile.WriteLabels(op, labels);
            if (embedding is not null && r.GetValue(outLabels) is string oe)
            {
                int e = r.GetValue(components);
                MatrixFile.WriteCsv(oe, embedding, x.Rows, e, Enumerable.Range(0, e).Select(c => $"y{c}").ToList());
            }
            var line = new Dictionary<string, object>
            {
                ["workload"] = w, ["n"] = x.Rows, ["d"] = x.Columns, ["seconds"] = times.Min(), ["runs"] = times, ["quality"] = quality,
                ["cores"] = Environment.ProcessorCount,
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(line));
            return 0;
        }));
        return command;
    }
}
