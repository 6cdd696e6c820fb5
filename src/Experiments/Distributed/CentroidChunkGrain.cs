using MusicCluster.Clustering.Partitioning;
using Orleans.Concurrency;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Computes assignment chunks on the node it is pinned to, several at once, on the thread pool.</summary>
[SiloPinnedPlacement, Reentrant]
internal sealed class CentroidChunkGrain : Grain, ICentroidChunkGrain
{
    public Task<CentroidChunkResult> Assign(float[] rows, int m, int d, float[] centres, int k, bool accumulate) => Task.Run(() =>
    {
        var labels = new int[m];
        var sums = CentroidChunks.Assign(rows, m, d, centres, k, accumulate, labels);
        return new CentroidChunkResult(labels, sums.Sums, sums.Counts, sums.Inertia);
    });

    public Task<double> ExactInertia(float[] rows, int m, int d, float[] centres, int[] labels) =>
        Task.Run(() => CentroidChunks.ExactInertia(rows, m, d, centres, labels));
}
