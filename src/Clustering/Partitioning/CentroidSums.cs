namespace MusicCluster.Clustering.Partitioning;

/// <summary>Per-cluster float64 sums and counts, and the float32-distance inertia, of rows assigned to fixed centres.</summary>
/// <remarks>One row chunk's values, or several chunks' combined in chunk order (<see cref="Combine"/>), which is what keeps results bit-identical however the chunks are computed.</remarks>
public sealed class CentroidSums(int k, int d)
{
    /// <summary>Per-cluster sums of the assigned rows, k×d (empty when sums were not accumulated).</summary>
    public readonly double[] Sums = new double[k * d];

    /// <summary>Rows assigned to each cluster (empty when sums were not accumulated).</summary>
    public readonly long[] Counts = new long[k];

    /// <summary>Sum of the rows' squared distances to their nearest centre.</summary>
    public double Inertia;

    /// <summary>Rows whose label differs from the previous one given.</summary>
    public int Changed;

    /// <summary>The chunks' values added in the order given, starting from zero.</summary>
    public static CentroidSums Combine(IReadOnlyList<CentroidSums> chunks, int k, int d, bool accumulate)
    {
        var total = new CentroidSums(accumulate ? k : 0, d);
        foreach (var p in chunks)
        {
            total.Inertia += p.Inertia;
            total.Changed += p.Changed;
            if (!accumulate) continue;
            for (int i = 0; i < p.Sums.Length; i++) total.Sums[i] += p.Sums[i];
            for (int c = 0; c < k; c++) total.Counts[c] += p.Counts[c];
        }
        return total;
    }
}
