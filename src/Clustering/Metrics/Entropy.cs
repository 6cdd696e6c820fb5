namespace MusicCluster.Clustering.Metrics;

/// <summary>Shannon entropy (natural log) of a labelling, from its cluster sizes.</summary>
public static class Entropy
{
    /// <summary>Entropy of the label distribution; 0 for a single cluster.</summary>
    public static double Of(ReadOnlySpan<int> labels) => labels.Length == 0 ? 1.0 : OfCounts(LabelEncoding.Fit(labels).Counts());

    /// <summary>Entropy from cluster sizes (zeros ignored).</summary>
    public static double OfCounts(ReadOnlySpan<long> counts)
    {
        int nonZero = 0;
        double sum = 0;
        foreach (long c in counts) if (c > 0) { nonZero++; sum += c; }
        if (nonZero <= 1) return 0.0;
        double logSum = Math.Log(sum), h = 0;
        foreach (long c in counts) if (c > 0) h += c / sum * (Math.Log(c) - logSum);
        return -h;
    }
}
