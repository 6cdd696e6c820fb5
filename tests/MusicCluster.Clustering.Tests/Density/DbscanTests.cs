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
