using MusicCluster.Clustering.Partitioning;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Assigns rows to centres chunk by chunk on a cluster's nodes, combining chunks in row order: the same centres as in-process, bit for bit.</summary>
public sealed class ClusterCentroidAssigner(IGrainFactory grains, ClusterWork work) : ICentroidAssigner
{
    /// <summary>Chunks computed on the cluster so far.</summary>
    public long ChunksSent => Interlocked.Read(ref _chunks);
    private long _chunks;

    /// <inheritdoc />
    public CentroidSums Assign(float[] x, int n, int d, float[] centres, int k, bool accumulate, int[] labels)
    {
        int chunks = (n + CentroidChunks.Rows - 1) / CentroidChunks.Rows;
        var parts = Wait(() => work.RunAsync(chunks, (silo, c) =>
        {
            var (start, m) = Range(c, n);
            return grains.GetGrain<ICentroidChunkGrain>(silo).Assign(x.AsSpan(start * d, m * d).ToArray(), m, d, centres, k, accumulate);
        }));
        var sums = new CentroidSums[chunks];
        for (int c = 0; c < chunks; c++)
        {
            var (start, m) = Range(c, n);
            var p = parts[c];
            if (p.Labels.Length != m) throw new InvalidOperationException($"chunk {c} came back with {p.Labels.Length} labels for {m} rows");
            p.Labels.CopyTo(labels, start);
            var s = new CentroidSums(accumulate ? k : 0, d) { Inertia = p.Inertia };
            p.Sums.CopyTo(s.Sums, 0);
            p.Counts.CopyTo(s.Counts, 0);
            sums[c] = s;
        }
        Interlocked.Add(ref _chunks, chunks);
        return CentroidSums.Combine(sums, k, d, accumulate);
    }

    /// <inheritdoc />
    public double ExactInertia(float[] x, int n, int d, float[] centres, int[] labels)
    {
        int chunks = (n + CentroidChunks.Rows - 1) / CentroidChunks.Rows;
        var parts = Wait(() => work.RunAsync(chunks, (silo, c) =>
        {
            var (start, m) = Range(c, n);
            return grains.GetGrain<ICentroidChunkGrain>(silo).ExactInertia(x.AsSpan(start * d, m * d).ToArray(), m, d, centres, labels.AsSpan(start, m).ToArray());
        }));
        Interlocked.Add(ref _chunks, chunks);
        // In chunk order, from zero, as the in-process sum.
        double total = 0;
        foreach (double p in parts) total += p;
        return total;
    }

    private static (int Start, int Rows) Range(int chunk, int n)
    {
        int start = chunk * CentroidChunks.Rows;
        return (start, Math.Min(CentroidChunks.Rows, n - start));
    }

    // MiniBatchKMeans is synchronous; the wait runs on the thread pool so no caller's synchronisation context is captured.
    private static T Wait<T>(Func<Task<T>> run) => Task.Run(run).GetAwaiter().GetResult();
}
