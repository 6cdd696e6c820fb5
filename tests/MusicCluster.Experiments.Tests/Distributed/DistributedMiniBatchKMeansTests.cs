using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Distributed;

namespace MusicCluster.Experiments.Tests.Distributed;

[Collection("Orleans")]
public sealed class DistributedMiniBatchKMeansTests(OrleansClusterFixture fixture)
{
    [Theory]
    [InlineData(9000, 6, 5, 3000, 7)]   // two chunks per batch, five in the final pass
    [InlineData(5000, 3, 4, 1024, 1)]   // the default batch: one chunk per step
    public async Task Distributed_fit_equals_local_fit_bit_for_bit(int n, int d, int k, int batch, int seed)
    {
        var x = Blobs(n, d, k, seed);
        var local = new MiniBatchKMeans(k, batch, seed: seed, nInit: 3).Fit(x, n, d);
        var remote = await DistributedMiniBatchKMeans.FitAsync(fixture.Cluster.Client, x, n, d, k, batch, seed, nInit: 3);
        Assert.Equal(local.Steps, remote.Steps);
        Assert.Equal(BitConverter.DoubleToInt64Bits(local.Inertia), BitConverter.DoubleToInt64Bits(remote.Inertia));
        Assert.Equal(local.Centroids.Select(BitConverter.SingleToInt32Bits), remote.Centroids.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(local.Labels, remote.Labels);
    }

    [Fact]
    public async Task Chunks_are_spread_over_all_three_silos()
    {
        await using var work = await ClusterWork.StartAsync(fixture.Cluster.Client);
        Assert.Equal(3, work.Silos.Count);
        var seen = new HashSet<string>();
        await work.RunAsync(30, async (silo, i) => { await Task.Delay(20); return i; }, lanes: 1, done: (_, silo) => { lock (seen) seen.Add(silo); });
        Assert.Equal(3, seen.Count);
    }

    // k well-separated Gaussian blobs, so the fit takes many steps and several clusters are contested.
    private static float[] Blobs(int n, int d, int k, int seed)
    {
        var random = new Random(seed);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                x[i * d + j] = (float)(3.0 * (i % k) * (j == (i % k) % d ? 1 : 0.3) + NextGaussian(random));
        return x;
    }

    private static double NextGaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
