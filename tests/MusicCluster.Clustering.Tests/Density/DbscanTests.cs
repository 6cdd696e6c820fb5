using MusicCluster.Clustering.Density;
using MusicCluster.Clustering.Metrics;

namespace MusicCluster.Clustering.Tests.Density;

public class DbscanTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void LabelsMatchScikitLearnUpToPermutation(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("dbscan", name);
        var db = new Dbscan(f.Scalar("eps"), (int)f.Scalar("min_samples")).Fit(data.X, data.N, data.D);
        var expected = f.Ints("labels");
        // Noise stays noise: compare the partitions and require −1 in the same places.
        for (int i = 0; i < data.N; i++) Assert.True((expected[i] == -1) == (db.Labels[i] == -1), $"{name}: noise differs at row {i}");
        Assertions.SamePartition(expected, db.Labels, name);
        // Cluster numbering follows scikit-learn's order too, so the labels are equal outright.
        Assert.Equal(expected, db.Labels);
    }

    [Fact]
    public void KdTreeNearestAgreesWithBruteForce()
    {
        var data = ReferenceData.Load("wine");
        var tree = new KdTree(data.X, data.N, data.D);
        var idx = new int[7];
        var dist = new double[7];
        for (int q = 0; q < data.N; q += 11)
        {
            var query = data.X.AsSpan(q * data.D, data.D).ToArray();
            tree.Nearest(query, 7, idx, dist);
            var brute = Enumerable.Range(0, data.N).Select(i => (i, s: tree.SquaredDistance(i, query))).OrderBy(t => t.s).ThenBy(t => t.i).Take(7).ToArray();
            Assert.Equal(brute.Select(b => b.i), idx);
        }
    }

    [Theory]
    [InlineData("wine", 1.9)]
    [InlineData("digits", 22.0)]
    [InlineData("blobs", 0.3)]
    public void BruteForceAndKdTreeNeighbourListsAgree(string name, double eps)
    {
        var data = ReferenceData.Load(name);
        var (bo, bn) = BruteForceNeighbours.Build(data.X, data.N, data.D, eps);
        var (ko, kn) = new Dbscan(eps).NeighbourLists(new KdTree(data.X, data.N, data.D), data.X, data.N, data.D);
        Assert.Equal(ko, bo);
        for (int i = 0; i < data.N; i++)
        {
            var a = kn.AsSpan((int)ko[i], (int)(ko[i + 1] - ko[i])).ToArray();
            Array.Sort(a);
            Assert.Equal(a, bn.AsSpan((int)bo[i], (int)(bo[i + 1] - bo[i])).ToArray());
        }
    }

    [Fact]
    public void EpsSuggestionFromTheKneeRecoversTheBlobs()
    {
        var data = ReferenceData.Load("blobs");
        double eps = EpsSuggestion.FromKDistanceKnee(data.X, data.N, data.D, 5);
        var labels = new Dbscan(eps, 5).FitPredict(data.X, data.N, data.D);
        double ari = AdjustedRandIndex.Score(data.Y, labels);
        Assert.True(ari > 0.8, $"eps {eps} gives ARI {ari} against the generating blobs");
    }

    [Fact]
    public void RejectsNonPositiveEps()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dbscan(1, 0));
    }
}

// GC.GetTotalAllocatedBytes counts the whole process: the memory test must not run beside other tests.
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

[Collection(nameof(AllocationMeasurement))]
public class StreamingDbscanTests
{
    // Dense 16-dimensional groups with overlapping fringes: many border points lie within eps of cores of two clusters.
    private static float[] Groups(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                x[i * d + j] = (float)((rng.NextDouble() - 0.5) * 2 + (j == 0 ? (i % 5) * 2.2 : 0));
        return x;
    }

    // scikit-learn's expansion over stored neighbour lists, the definition the streaming sweeps must reproduce.
    private static int[] Expand(long[] offsets, int[] neighbours, int n, int minSamples)
    {
        var labels = Enumerable.Repeat(-1, n).ToArray();
        var core = Enumerable.Range(0, n).Select(i => offsets[i + 1] - offsets[i] >= minSamples).ToArray();
        int cluster = 0;
        var stack = new Stack<int>();
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
        return labels;
    }

    [Theory]
    [InlineData(1.9, 5)]
    [InlineData(2.3, 30)]
    [InlineData(1.5, 3)]
    public void StreamingLabelsEqualTheListExpansion(double eps, int minSamples)
    {
        int n = 3000, d = 16;
        var x = Groups(n, d, 7);
        var (offsets, neighbours) = BruteForceNeighbours.Build(x, n, d, eps);
        var expected = Expand(offsets, neighbours, n, minSamples);
        var db = new Dbscan(eps, minSamples).Fit(x, n, d);
        Assert.Equal(expected, db.Labels);
        Assert.Equal(expected.Max() + 1, db.ClusterCount);
        for (int i = 0; i < n; i++) Assert.Equal(offsets[i + 1] - offsets[i] >= minSamples, db.IsCore[i]);
    }

    [Fact]
    public void MemoryDoesNotGrowWithTheNeighbourhoods()
    {
        // Every point has thousands of neighbours: stored lists would take Σ counts × 4 bytes (estimated from the first 1500 rows,
        // which hold 1/8 of the points at the same density, so 1/64 of the pairs); the sweeps allocate O(n).
        int n = 12000, d = 16;
        var x = Groups(n, d, 3);
        for (int i = 0; i < x.Length; i++) x[i] *= 0.5f;
        new Dbscan(2.0, 10).Fit(x.AsSpan(0, 2000 * d), 2000, d); // JIT and thread-pool warm-up outside the measurement
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var db = new Dbscan(2.0, 10).Fit(x, n, d);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var (offsets, _) = BruteForceNeighbours.Build(x.AsSpan(0, 1500 * d).ToArray(), 1500, d, 2.0);
        long listBytes = offsets[1500] * 4L * (n / 1500) * (n / 1500);
        Assert.True(listBytes > 200L << 20, $"the case is too small to show anything: lists would take {listBytes >> 20} MiB");
        Assert.True(allocated < 64L << 20, $"DBSCAN allocated {allocated >> 20} MiB");
        Assert.True(db.ClusterCount >= 1);
    }
}
