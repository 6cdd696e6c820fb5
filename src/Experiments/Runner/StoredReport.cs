using System.Text.Json;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Runner;

/// <summary>The parts of a finished task's report that the console table needs, read back from its folder (an up-to-date re-run).</summary>
public static class StoredReport
{
    /// <summary>Rows from metrics.csv and the label-built representations from run.json; null when metrics.csv cannot be read.</summary>
    public static TaskReport? TryLoad(string folder, string task)
    {
        var rows = MetricsCsv.TryRead(Path.Combine(folder, "metrics.csv"));
        if (rows is null) return null;
        var built = new Dictionary<string, string[]>();
        try
        {
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
            if (run.RootElement.TryGetProperty("builtFromLabels", out var b) && b.ValueKind == JsonValueKind.Object)
                foreach (var p in b.EnumerateObject())
                    built[p.Name] = p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray();
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            // Without run.json the table may name a label-built representation; the scores themselves are still the stored ones.
        }
        return new TaskReport { Task = task, Rows = rows, BuiltFromLabels = built };
    }
}
