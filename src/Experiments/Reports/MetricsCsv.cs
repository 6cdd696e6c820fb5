using System.Globalization;
using CsvHelper;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Reports;

/// <summary>metrics.csv: one row per representation × algorithm × seed, every metric a column (empty where it does not apply).</summary>
public static class MetricsCsv
{
    /// <summary>The metric columns of <paramref name="rows"/>: the known ones in <see cref="MetricNames.Order"/>, then the rest in first-seen order.</summary>
    public static List<string> Columns(IEnumerable<MetricRow> rows)
    {
        var seen = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
            foreach (var k in r.Metrics.Keys)
                if (set.Add(k)) seen.Add(k);
        var ordered = MetricNames.Order.Where(set.Contains).ToList();
        ordered.AddRange(seen.Where(k => !MetricNames.Order.Contains(k)));
        return ordered;
    }

    /// <summary>Writes the rows to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, string task, IReadOnlyList<MetricRow> rows)
    {
        var columns = Columns(rows);
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream);
            csv.WriteRecord(["task", "representation", "algorithm", "seed", "clusters", "noise_points", .. columns]);
            foreach (var r in rows)
            {
                var fields = new string[6 + columns.Count];
                fields[0] = task;
                fields[1] = r.Representation;
                fields[2] = r.Algorithm;
                fields[3] = r.Seed.ToString(CultureInfo.InvariantCulture);
                fields[4] = r.Clusters.ToString(CultureInfo.InvariantCulture);
                fields[5] = r.NoisePoints.ToString(CultureInfo.InvariantCulture);
                for (int i = 0; i < columns.Count; i++)
                    fields[6 + i] = r.Metrics.TryGetValue(columns[i], out double v) && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
                csv.WriteRecord(fields);
            }
            csv.Flush();
        });
    }
}
