namespace MusicCluster.Clustering.Metrics;

/// <summary>Cluster purity: the fraction of samples that belong to their cluster's majority class.</summary>
public static class Purity
{
    /// <summary>Purity in (0, 1].</summary>
    public static double Score(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Score(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>Purity from a contingency matrix.</summary>
    public static double Score(ContingencyMatrix c)
    {
        long sum = 0;
        for (int j = 0; j < c.Columns; j++)
        {
            long best = 0;
            for (int i = 0; i < c.Rows; i++) best = Math.Max(best, c[i, j]);
            sum += best;
        }
        return (double)sum / c.Total;
    }
}
