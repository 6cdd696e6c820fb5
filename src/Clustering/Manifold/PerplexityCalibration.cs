namespace MusicCluster.Clustering.Manifold;

/// <summary>Finds, for each point, the Gaussian precision whose conditional distribution has the requested perplexity (scikit-learn's binary search).</summary>
public static class PerplexityCalibration
{
    private const int Steps = 100;
    private const double Tolerance = 1e-5;

    /// <summary>
    /// Turns squared distances (n rows of <paramref name="k"/> neighbours, row-major) into conditional probabilities in place:
    /// p_j|i = exp(−β_i·d_ij) / Σ, with β_i chosen so that the entropy equals ln(perplexity).
    /// </summary>
    public static void Calibrate(Span<float> squaredDistances, int n, int k, double perplexity)
    {
        if (squaredDistances.Length != (long)n * k) throw new ArgumentException($"expected {n}×{k} distances, got {squaredDistances.Length}");
        var data = squaredDistances.ToArray();
        Common.FixedChunks.For(n, 256, (_, start, end) =>
        {
            var p = new double[k];
            for (int i = start; i < end; i++) Row(data.AsSpan(i * k, k), p, perplexity);
        }, workPerItem: 50L * k);
        data.CopyTo(squaredDistances);
    }

    private static void Row(Span<float> d, double[] p, double perplexity)
    {
        double desired = Math.Log(perplexity);
        double beta = 1, betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity;
        double sum = 0;
        for (int step = 0; step < Steps; step++)
        {
            sum = 0;
            for (int j = 0; j < d.Length; j++) { p[j] = Math.Exp(-d[j] * beta); sum += p[j]; }
            if (sum == 0) sum = 1e-8;
            double sumDistP = 0;
            for (int j = 0; j < d.Length; j++) { p[j] /= sum; sumDistP += d[j] * p[j]; }
            double entropy = Math.Log(sum) + beta * sumDistP;
            double diff = entropy - desired;
            if (Math.Abs(diff) <= Tolerance) break;
            if (diff > 0)
            {
                betaMin = beta;
                beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            }
            else
            {
                betaMax = beta;
                beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
        }
        for (int j = 0; j < d.Length; j++) d[j] = (float)p[j];
    }
}
