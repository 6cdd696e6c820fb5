namespace MusicCluster.Clustering.Metrics;

/// <summary>Mutual information between two labellings and its normalised and chance-adjusted forms (scikit-learn's formulas).</summary>
public static class MutualInformation
{
    /// <summary>Mutual information in nats.</summary>
    public static double Score(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Score(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>Mutual information from a contingency matrix.</summary>
    public static double Score(ContingencyMatrix c)
    {
        var pi = c.RowSums();
        var pj = c.ColumnSums();
        double total = c.Total, logTotal = Math.Log(total);
        double logPi = Math.Log(Sum(pi)), logPj = Math.Log(Sum(pj));
        double mi = 0;
        for (int i = 0; i < c.Rows; i++) for (int j = 0; j < c.Columns; j++)
        {
            long v = c[i, j];
            if (v == 0) continue;
            double nm = v / total;
            double logOuter = -Math.Log((double)(pi[i] * pj[j])) + logPi + logPj;
            double term = nm * (Math.Log(v) - logTotal) + nm * logOuter;
            // scikit-learn zeroes terms below machine epsilon before summing.
            if (Math.Abs(term) >= 2.220446049250313e-16) mi += term;
        }
        return Math.Max(mi, 0.0);
    }

    /// <summary>NMI with the arithmetic-mean normaliser (scikit-learn's default).</summary>
    public static double Normalized(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Normalized(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>NMI from a contingency matrix.</summary>
    public static double Normalized(ContingencyMatrix c)
    {
        if (BothTrivial(c)) return 1.0;
        double mi = Score(c);
        if (mi == 0) return 0.0;
        double normalizer = (Entropy.OfCounts(c.RowSums()) + Entropy.OfCounts(c.ColumnSums())) / 2;
        return mi / normalizer;
    }

    /// <summary>Adjusted mutual information (arithmetic normaliser), corrected for chance with the expected MI.</summary>
    public static double Adjusted(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Adjusted(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>AMI from a contingency matrix.</summary>
    public static double Adjusted(ContingencyMatrix c)
    {
        if (BothTrivial(c)) return 1.0;
        double mi = Score(c);
        double emi = ExpectedMutualInformation.Compute(c);
        double normalizer = (Entropy.OfCounts(c.RowSums()) + Entropy.OfCounts(c.ColumnSums())) / 2;
        double denominator = normalizer - emi;
        const double eps = 2.220446049250313e-16;
        denominator = denominator < 0 ? Math.Min(denominator, -eps) : Math.Max(denominator, eps);
        return (mi - emi) / denominator;
    }

    // One cluster on both sides (or every sample its own cluster on both sides) is a perfect match by convention.
    private static bool BothTrivial(ContingencyMatrix c)
        => (c.Rows == 1 && c.Columns == 1) || (c.Rows == c.Total && c.Columns == c.Total);

    private static double Sum(long[] v) { double s = 0; foreach (long x in v) s += x; return s; }
}
