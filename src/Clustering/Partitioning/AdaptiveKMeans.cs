using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>K-means that switches from full Lloyd (<see cref="KMeans"/>) to <see cref="MiniBatchKMeans"/> above a row count.</summary>
/// <remarks>Full k-means with restarts costs nInit × iterations passes over the data; mini-batch a few passes at most, at a slightly higher inertia.</remarks>
public sealed class AdaptiveKMeans(int k, int? miniBatchAbove, int nInit = 10, int seed = 0, int batchSize = 1024)
{
    /// <summary>Rows above which mini-batch k-means is used; null never switches.</summary>
    public int? MiniBatchAbove { get; } = miniBatchAbove is null or >= 1 ? miniBatchAbove
        : throw new ArgumentOutOfRangeException(nameof(miniBatchAbove), $"the mini-batch threshold must be at least 1 or null, got {miniBatchAbove}");

    /// <summary>Cluster of every row.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Cluster centres, K×d.</summary>
    public float[] Centroids { get; private set; } = [];

    /// <summary>Sum of squared distances of rows to their centre.</summary>
    public double Inertia { get; private set; }

    /// <summary>Whether the last Fit used mini-batch k-means.</summary>
    public bool UsedMiniBatch { get; private set; }

    /// <summary>Clusters the n×d matrix with the method its size calls for.</summary>
    public AdaptiveKMeans Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        UsedMiniBatch = n > MiniBatchAbove;
        if (UsedMiniBatch)
        {
            // scikit-learn's MiniBatchKMeans default of 3 seedings; more restarts buy little once each sees thousands of rows.
            var mb = new MiniBatchKMeans(k, batchSize, seed: seed, nInit: Math.Min(nInit, 3)).Fit(x, n, d);
            Labels = mb.Labels; Centroids = mb.Centroids; Inertia = mb.Inertia;
        }
        else
        {
            var km = new KMeans(k, nInit, seed: seed).Fit(x, n, d);
            Labels = km.Labels; Centroids = km.Centroids; Inertia = km.Inertia;
        }
        return this;
    }

    /// <summary>Fit, then return <see cref="Labels"/>.</summary>
    public int[] FitPredict(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Labels;
}
