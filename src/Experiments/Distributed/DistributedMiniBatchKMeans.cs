using MusicCluster.Clustering.Partitioning;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Mini-batch k-means whose assignment chunks run on a cluster's nodes (or locally when no cluster is named): the same centres either way.</summary>
public static class DistributedMiniBatchKMeans
{
    /// <summary>Fits on the n×d rows; with <paramref name="cluster"/> (<c>HOST:PORT</c>) every assignment pass is spread over its nodes.</summary>
    public static MiniBatchKMeans Fit(float[] x, int n, int d, int k, int batchSize, int seed, int nInit, string? cluster)
    {
        var model = new MiniBatchKMeans(k, batchSize, seed: seed, nInit: nInit);
        if (cluster is null) return model.Fit(x, n, d);
        return Task.Run(async () =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(cluster);
            return await FitAsync(connection.Client, x, n, d, k, batchSize, seed, nInit);
        }).GetAwaiter().GetResult();
    }

    /// <summary>Fits through an already connected client (tests use a TestingHost cluster's).</summary>
    public static async Task<MiniBatchKMeans> FitAsync(IGrainFactory grains, float[] x, int n, int d, int k, int batchSize, int seed, int nInit)
    {
        await using var work = await ClusterWork.StartAsync(grains);
        var model = new MiniBatchKMeans(k, batchSize, seed: seed, nInit: nInit) { Assigner = new ClusterCentroidAssigner(grains, work) };
        return await Task.Run(() => model.Fit(x, n, d));
    }
}
