namespace MusicCluster.Clustering.Density;

/// <summary>Radius neighbour lists by blocked GEMM distances (for higher dimensions, where k-d trees stop pruning), exact at the boundary.</summary>
/// <remarks>Holds every list at once; <see cref="StreamingDbscan"/> is the bounded-memory way to use the same sweep.</remarks>
internal static class BruteForceNeighbours
{
    private sealed class Lists(int n) : EpsPairSweep.Visitor
    {
        public readonly List<int>?[] Rows = new List<int>?[n];
        public override void Visit(int i, int j) => (Rows[i] ??= new List<int>()).Add(j);
    }

    public static (long[] Offsets, int[] Neighbours) Build(float[] x, int n, int d, double eps)
    {
        var found = new List<int>?[n];
        // Each row is swept by one thread only, so its list is complete in that thread's visitor; columns come in ascending order.
        new EpsPairSweep(x, n, d, eps).Sweep(null, upper: false, () => new Lists(n), v =>
        {
            var rows = ((Lists)v).Rows;
            for (int i = 0; i < n; i++) if (rows[i] is { } l) found[i] = l;
        });
        var offsets = new long[n + 1];
        for (int i = 0; i < n; i++) offsets[i + 1] = offsets[i] + (found[i]?.Count ?? 0);
        var all = new int[offsets[n]];
        for (int i = 0; i < n; i++) found[i]?.CopyTo(all, (int)offsets[i]);
        return (offsets, all);
    }
}
