namespace MusicCluster.Clustering.Metrics;

/// <summary>A mean silhouette and how it was obtained: over <paramref name="Rows"/> rows, a seeded sample of them when <paramref name="Sampled"/>.</summary>
public readonly record struct SilhouetteResult(double Value, int Rows, bool Sampled);
