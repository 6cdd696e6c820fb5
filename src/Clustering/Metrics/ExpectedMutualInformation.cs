namespace MusicCluster.Clustering.Metrics;

/// <summary>Expected mutual information of two random labellings with the given cluster sizes (hypergeometric model).</summary>
public static class ExpectedMutualInformation
{
    /// <summary>EMI for the marginals of <paramref name="c"/>, as in scikit-learn's <c>expected_mutual_information</c>.</summary>
    public static double Compute(ContingencyMatrix c)
    {
        var a = c.RowSums();
        var b = c.ColumnSums();
        if (a.Length == 1 || b.Length == 1) return 0.0;
        long n = c.Total;
        var logFact = LogFactorials(n);
        double logN = Math.Log(n);
        double emi = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double logA = Math.Log(a[i]);
            for (int j = 0; j < b.Length; j++)
            {
                double logB = Math.Log(b[j]);
                double fixedPart = logFact[a[i]] + logFact[b[j]] + logFact[n - a[i]] + logFact[n - b[j]] - logFact[n];
                long start = Math.Max(1, a[i] + b[j] - n), end = Math.Min(a[i], b[j]);
                for (long nij = start; nij <= end; nij++)
                {
                    double term1 = (double)nij / n;
                    double term2 = logN + Math.Log(nij) - logA - logB;
                    double gln = fixedPart - logFact[nij] - logFact[a[i] - nij] - logFact[b[j] - nij] - logFact[n - a[i] - b[j] + nij];
                    emi += term1 * term2 * Math.Exp(gln);
                }
            }
        }
        return emi;
    }

    // log k! for k = 0..n, summed with compensation so the large values keep full relative precision.
    private static double[] LogFactorials(long n)
    {
        var t = new double[n + 1];
        double sum = 0, comp = 0;
        for (long k = 2; k <= n; k++)
        {
            double y = Math.Log(k) - comp;
            double s = sum + y;
            comp = (s - sum) - y;
            sum = s;
            t[k] = sum;
        }
        return t;
    }
}
