using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Density;

/// <summary>DBSCAN with k-d tree neighbour queries (above 12 dimensions, streamed blocked GEMM distances in O(n) memory; never an n×n matrix), labelling exactly as scikit-learn does.</summary>
/// <remarks>
/// A point is core when at least <see cref="MinSamples"/> points (itself included) lie within <see cref="Eps"/>.
/// Clusters are numbered in the order of their lowest-index core point; a border point joins the first cluster (in that
/// numbering) with a core point within reach; everything else is noise (−1). Neighbour lists are built in parallel in fixed chunks.
/// </remarks>
public sealed class Dbscan(double eps, int minSamples = 5)
{
    private const int QueryChunk = 512;

    /// <summary>Dimensions above which neighbour lists come from blocked GEMM distances instead of the k-d tree.</summary>
    public const int BruteForceAbove = 12;

    /// <summary>Neighbourhood radius.</summary>
    public double Eps { get; } = eps > 0 && double.IsFinite(eps) ? eps : throw new ArgumentOutOfRangeException(nameof(eps), $"eps must be a positive number, got {eps}");

    /// <summary>Points (including itself) a core point needs within <see cref="Eps"/>.</summary>
    public int MinSamples { get; } = minSamples >= 1 ? minSamples : throw new ArgumentOutOfRangeException(nameof(minSamples), $"min_samples must be at least 1, got {minSamples}");

    /// <summary>Cluster of every row, or −1 for noise.</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>Whether each row is a core point.</summary>
    public bool[] IsCore { get; private set; } = [];

    /// <summary>Number of clusters found (noise excluded).</summary>
    public int ClusterCount { get; private set; }

    /// <summary>Clusters the n×d matrix.</summary>
    public Dbscan Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        var xa = x.ToArray();
        // k-d trees stop pruning in higher dimensions (scikit-learn switches to brute force above 15 too); there the neighbour
        // lists are never stored: dense clusters at 100k rows would need gigabytes for them.
        if (d > BruteForceAbove)
        {
            (Labels, IsCore, ClusterCount) = StreamingDbscan.Fit(xa, n, d, Eps, MinSamples);
            return this;
        }
        var (offsets, neighbours) = NeighbourLists(new KdTree(xa, n, d), xa, n, d);
        var core = new bool[n];
        for (int i = 0; i < n; i++) core[i] = offsets[i + 1] - offsets[i] >= MinSamples;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var stack = new Stack<int>();
        int cluster = 0;
        for (int i = 0; i < n; i++)
        {
            if (labels[i] != -1 || !core[i]) continue;
            labels[i] = cluster;
            stack.Push(i);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                for (long q = offsets[p]; q < offsets[p + 1]; q++)
                {
                    int j = neighbours[q];
                    if (labels[j] != -1) continue;
                    labels[j] = cluster;
                    if (core[j]) stack.Push(j);
                }
            }
            cluster++;
        }
        Labels = labels; IsCore = core; ClusterCount = cluster;
        return this;
    }

    /// <summary>Clusters the rows of an n×d tensor.</summary>
    public Dbscan Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Fit, then return <see cref="Labels"/>.</summary>
    public int[] FitPredict(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Labels;

    internal (long[] Offsets, int[] Neighbours) NeighbourLists(KdTree tree, float[] x, int n, int d)
    {
        int chunks = FixedChunks.Count(n, QueryChunk);
        var parts = new int[chunks][];
        var counts = new int[n];
        FixedChunks.For(n, QueryChunk, (chunk, start, end) =>
        {
            var list = new List<int>();
            for (int i = start; i < end; i++)
            {
                int before = list.Count;
                tree.Radius(x.AsSpan(i * d, d), Eps, list);
                counts[i] = list.Count - before;
            }
            parts[chunk] = list.ToArray();
        }, workPerItem: 64L * d);
        var offsets = new long[n + 1];
        for (int i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i];
        var all = new int[offsets[n]];
        long at = 0;
        foreach (var p in parts) { p.CopyTo(all, at); at += p.Length; }
        return (offsets, all);
    }
}
