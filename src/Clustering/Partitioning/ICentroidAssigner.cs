namespace MusicCluster.Clustering.Partitioning;

/// <summary>Where <see cref="MiniBatchKMeans"/> assigns rows to centres: in this process, or chunk by chunk elsewhere (on a cluster).</summary>
/// <remarks>
/// An implementation must compute every <see cref="CentroidChunks.Rows"/>-row chunk with <see cref="CentroidChunks"/> and
/// combine the chunks in order with <see cref="CentroidSums.Combine"/>; then the result is bit-identical to the local one.
/// </remarks>
public interface ICentroidAssigner
{
    /// <summary>Labels every row of the n×d matrix with its nearest centre; with <paramref name="accumulate"/> also the per-cluster sums and counts.</summary>
    CentroidSums Assign(float[] x, int n, int d, float[] centres, int k, bool accumulate, int[] labels);

    /// <summary>Σ‖x_i − c_label(i)‖² in float64, per chunk, combined in chunk order.</summary>
    double ExactInertia(float[] x, int n, int d, float[] centres, int[] labels);
}
