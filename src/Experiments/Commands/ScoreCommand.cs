using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MusicCluster.Clustering.Metrics;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster score</c>: every clustering metric that applies to a matrix, its labels and optionally true classes.</summary>
/// <remarks>
/// Intrinsic metrics (silhouette, Calinski–Harabasz, Davies–Bouldin) leave out noise rows (label −1) and say so;
/// label metrics treat −1 as one more label, as scikit-learn does.
/// </remarks>
public sealed class ScoreCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var input = new Option<string>("--input") { Description = "n×d matrix: .csv or .npy", Required = true };
        var labelsOpt = new Option<string>("--labels") { Description = "predicted labels, one per row (CSV, optional header)", Required = true };
        var truthOpt = new Option<string>("--truth") { Description = "true classes, one per row: any strings or numbers (CSV, optional header, or .npy)" };
        var json = new Option<string>("--json") { Description = "also write the scores to this JSON file" };
        var sample = new Option<int?>("--sample-size") { Description = "silhouette on a seeded random subset of this many rows" };
        var seed = new Option<int>("--seed") { Description = "seed for --sample-size", DefaultValueFactory = _ => 0 };
        var command = new Command("score", "Print clustering quality metrics (intrinsic, and against true classes when given).");
        foreach (var o in new Option[] { input, labelsOpt, truthOpt, json, sample, seed }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string inPath = r.GetValue(input)!, labelPath = r.GetValue(labelsOpt)!;
            var x = MatrixFile.Read(inPath);
            var labels = MatrixFile.ReadLabels(labelPath);
            if (labels.Length != x.Rows) throw new UserInputException($"{labelPath} has {labels.Length} labels but {inPath} has {x.Rows} rows");
            var scores = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var notes = new List<string>();
            int noise = labels.Count(l => l == -1);
            if (noise > 0) notes.Add($"{noise} noise rows (label -1) are left out of silhouette, calinski_harabasz and davies_bouldin");
            var kept = labels.Where(l => l != -1).Distinct().Count();
            int nKept = x.Rows - noise;
            if (kept >= 2 && kept <= nKept - 1)
            {
                int? s = r.GetValue(sample);
                if (s is int sv && (sv < 2 || sv > x.Rows)) throw new UserInputException($"--sample-size must be in [2, {x.Rows}], got {sv}");
                bool ex = noise > 0;
                scores["silhouette"] = Silhouette.Score(x.Data, x.Rows, x.Columns, labels, s, r.GetValue(seed), excludeNoise: ex);
                scores["calinski_harabasz"] = CalinskiHarabasz.Score(x.Data, x.Rows, x.Columns, labels, excludeNoise: ex);
                scores["davies_bouldin"] = DaviesBouldin.Score(x.Data, x.Rows, x.Columns, labels, excludeNoise: ex);
            }
            else notes.Add($"intrinsic metrics need 2 to n-1 clusters, found {kept}");
            string? truthPath = r.GetValue(truthOpt);
            if (truthPath is not null)
            {
                var (truth, classes) = TruthLabels.Read(truthPath, x.Rows);
                var c = ContingencyMatrix.Build(truth, labels);
                var hcv = HomogeneityCompleteness.Score(c);
                scores["adjusted_rand"] = AdjustedRandIndex.Score(c);
                scores["normalized_mutual_info"] = MutualInformation.Normalized(c);
                scores["adjusted_mutual_info"] = MutualInformation.Adjusted(c);
                scores["homogeneity"] = hcv.Homogeneity;
                scores["completeness"] = hcv.Completeness;
                scores["v_measure"] = hcv.VMeasure;
                scores["purity"] = Purity.Score(c);
            }
            foreach (var (name, value) in scores) Console.Out.WriteLine($"{name}: {value.ToString("F6", CultureInfo.InvariantCulture)}");
            foreach (var note in notes) Console.Out.WriteLine($"note: {note}");
            if (r.GetValue(json) is string jsonPath)
            {
                var doc = new Dictionary<string, object> { ["scores"] = scores, ["notes"] = notes, ["rows"] = x.Rows, ["noise_rows"] = noise };
                AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        }));
        return command;
    }
}
