namespace MusicCluster.Clustering.Decomposition;

/// <summary>How <see cref="Pca"/> computes its components.</summary>
public enum PcaSolver
{
    /// <summary>Full when max(n, d) ≤ 500, the components are ≥ 80% of min(n, d) (scikit-learn's rule) or d ≤ 256 (cheap exact covariance); randomized otherwise.</summary>
    Auto,
    /// <summary>Exact: eigen-decomposition of the float64 covariance matrix.</summary>
    Full,
    /// <summary>Randomized range finder with power iterations.</summary>
    Randomized,
}
