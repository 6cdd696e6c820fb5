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

    /// <summary>Reads the rows a finished run wrote (empty cells are absent metrics); null when the file is missing or not ours.</summary>
    public static List<MetricRow>? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, Mode = CsvMode.Rfc4180, SkipEmptyLines = true };
        try
        {
            using var csv = CsvReader.Create(File.ReadAllBytes(path), options);
            var header = csv.Headers.ToArray();
            if (header.Length < 6 || header[1] != "representation" || header[5] != "noise_points") return null;
            var rows = new List<MetricRow>();
            while (csv.Read())
            {
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                for (int i = 6; i < header.Length; i++)
                    if (double.TryParse(csv.GetString(i), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) metrics[header[i]] = v;
                rows.Add(new MetricRow(csv.GetString(1), csv.GetString(2), int.Parse(csv.GetString(3), CultureInfo.InvariantCulture),
                    int.Parse(csv.GetString(4), CultureInfo.InvariantCulture), int.Parse(csv.GetString(5), CultureInfo.InvariantCulture), metrics));
            }
            return rows;
        }
        catch (Exception e) when (e is CsvFormatException or FormatException or OverflowException or IOException)
        {
            return null; // a damaged file: the table shows no values rather than wrong ones
        }
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
