namespace MusicCluster.Clustering.Decomposition;

/// <summary>How <see cref="Pca"/> computes its components.</summary>
public enum PcaSolver
{
    /// <summary>Full when max(n, d) ≤ 500 or the components are ≥ 80% of min(n, d); randomized otherwise (scikit-learn's rule).</summary>
    Auto,
    /// <summary>Exact: eigen-decomposition of the float64 covariance matrix.</summary>
    Full,
    /// <summary>Randomized range finder with power iterations.</summary>
    Randomized,
}
