namespace MusicCluster.Experiments.Reports;

/// <summary>Mean and sample standard deviation over seeds of one metric of one representation × algorithm.</summary>
public readonly record struct MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Mean and std (n − 1 in the denominator; 0 for a single seed) of the finite values.</summary>
    public static MeanStd Of(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return new(double.NaN, double.NaN, 0);
        double mean = v.Average();
        double ss = 0;
        foreach (double x in v) ss += (x - mean) * (x - mean);
        return new(mean, v.Length > 1 ? Math.Sqrt(ss / (v.Length - 1)) : 0, v.Length);
    }

    /// <summary>"0.412 ± 0.031", or "—" when there is no value.</summary>
    public string Format(int digits = 3)
    {
        if (Count == 0) return "—";
        // Calinski–Harabasz runs into the hundreds: three decimals there are noise.
        string f = Math.Abs(Mean) >= 100 ? "F1" : "F" + digits;
        return Count > 1
            ? $"{Mean.ToString(f, System.Globalization.CultureInfo.InvariantCulture)} ± {Std.ToString(f, System.Globalization.CultureInfo.InvariantCulture)}"
            : Mean.ToString(f, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The rows of one representation × algorithm, summarised over seeds.</summary>
public sealed record SeedAggregate(string Representation, string Algorithm, int Seeds, MeanStd Clusters, MeanStd Noise, Dictionary<string, MeanStd> Metrics)
{
    /// <summary>The fewest clusters any seed found: below 2 the clustering says nothing, and it is never a "best" row.</summary>
    public int MinClusters { get; init; } = int.MaxValue;

    /// <summary>True when every seed found at least two clusters.</summary>
    public bool CanBeBest => MinClusters >= 2;

    /// <summary>Groups <paramref name="rows"/> by representation and algorithm, keeping first-seen order.</summary>
    public static List<SeedAggregate> Group(IEnumerable<MetricRow> rows)
    {
        var groups = new List<SeedAggregate>();
        foreach (var g in rows.GroupBy(r => (r.Representation, r.Algorithm)))
        {
            var list = g.ToList();
            var metrics = new Dictionary<string, MeanStd>(StringComparer.Ordinal);
            foreach (var name in MetricsCsv.Columns(list))
                metrics[name] = MeanStd.Of(list.Select(r => r.Metrics.TryGetValue(name, out double v) ? v : double.NaN));
            groups.Add(new SeedAggregate(g.Key.Representation, g.Key.Algorithm, list.Count,
                MeanStd.Of(list.Select(r => (double)r.Clusters)), MeanStd.Of(list.Select(r => (double)r.NoisePoints)), metrics)
            { MinClusters = list.Min(r => r.Clusters) });
        }
        return groups;
    }

    /// <summary>The mean of <paramref name="metric"/>, or NaN when absent.</summary>
    public double MeanOf(string metric) => Metrics.TryGetValue(metric, out var m) && m.Count > 0 ? m.Mean : double.NaN;
}
