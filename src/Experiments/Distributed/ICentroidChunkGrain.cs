namespace MusicCluster.Experiments.Distributed;

/// <summary>A node's worker for one row chunk of nearest-centre assignment (see <see cref="MusicCluster.Clustering.Partitioning.CentroidChunks"/>).</summary>
[Alias("MusicCluster.ICentroidChunkGrain")]
public interface ICentroidChunkGrain : IGrainWithStringKey
{
    /// <summary>Labels the chunk's m×d rows and returns its per-cluster sums, counts and inertia.</summary>
    [Alias("Assign")]
    Task<CentroidChunkResult> Assign(float[] rows, int m, int d, float[] centres, int k, bool accumulate);

    /// <summary>The chunk's exact inertia against the labelled centres.</summary>
    [Alias("ExactInertia")]
    Task<double> ExactInertia(float[] rows, int m, int d, float[] centres, int[] labels);
}

/// <summary>One chunk's labels and its <see cref="MusicCluster.Clustering.Partitioning.CentroidSums"/>, as sent back to the client.</summary>
[GenerateSerializer, Immutable, Alias("MusicCluster.CentroidChunkResult")]
public sealed record CentroidChunkResult(
    [property: Id(0)] int[] Labels, [property: Id(1)] double[] Sums, [property: Id(2)] long[] Counts, [property: Id(3)] double Inertia);
