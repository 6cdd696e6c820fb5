namespace MusicCluster.Clustering.Metrics;

/// <summary>Homogeneity, completeness and V-measure (β = 1) of a clustering against true classes.</summary>
public readonly record struct HomogeneityCompleteness(double Homogeneity, double Completeness, double VMeasure)
{
    /// <summary>All three scores, as scikit-learn's <c>homogeneity_completeness_v_measure</c>.</summary>
    public static HomogeneityCompleteness Score(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Score(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>All three scores from a contingency matrix.</summary>
    public static HomogeneityCompleteness Score(ContingencyMatrix c, double beta = 1.0)
    {
        double hC = Entropy.OfCounts(c.RowSums());
        double hK = Entropy.OfCounts(c.ColumnSums());
        double mi = MutualInformation.Score(c);
        double h = hC != 0 ? mi / hC : 1.0;
        double comp = hK != 0 ? mi / hK : 1.0;
        double v = h + comp == 0 ? 0.0 : (1 + beta) * h * comp / (beta * h + comp);
        return new HomogeneityCompleteness(h, comp, v);
    }
}
