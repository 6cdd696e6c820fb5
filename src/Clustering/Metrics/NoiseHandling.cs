namespace MusicCluster.Clustering.Metrics;

/// <summary>How label −1 (DBSCAN noise) in predicted labels enters the label-comparison metrics.</summary>
/// <remarks>
/// scikit-learn has no notion of noise: −1 is just one more label, so all noise points form a single cluster
/// (<see cref="AsOneCluster"/>, the default here, which reproduces scikit-learn's numbers). <see cref="AsSingletons"/>
/// makes every noise point its own cluster; <see cref="Exclude"/> drops noise points from the comparison.
/// Intrinsic metrics (silhouette, Calinski–Harabasz, Davies–Bouldin) take their own <c>excludeNoise</c> flag.
/// </remarks>
public enum NoiseHandling
{
    /// <summary>−1 is an ordinary label (scikit-learn's behaviour).</summary>
    AsOneCluster,
    /// <summary>Each point labelled −1 becomes a cluster of its own.</summary>
    AsSingletons,
    /// <summary>Points labelled −1 are left out.</summary>
    Exclude,
}
