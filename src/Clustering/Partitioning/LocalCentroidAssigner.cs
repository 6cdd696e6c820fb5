using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Assigns rows to centres in this process, chunks in parallel on every core.</summary>
public sealed class LocalCentroidAssigner : ICentroidAssigner
{
    /// <summary>The one instance (it holds no state).</summary>
    public static readonly LocalCentroidAssigner Instance = new();

    private LocalCentroidAssigner() { }

    /// <inheritdoc />
    public CentroidSums Assign(float[] x, int n, int d, float[] centres, int k, bool accumulate, int[] labels)
    {
        var norms = new float[n];
        SquaredDistances.RowNorms(x, n, d, norms);
        return CentroidAssignment.Assign(x, norms, n, d, centres, k, labels, new float[n], accumulate);
    }

    /// <inheritdoc />
    public double ExactInertia(float[] x, int n, int d, float[] centres, int[] labels) => CentroidAssignment.ExactInertia(x, n, d, centres, labels);
}
