using MusicCluster.Clustering.Hierarchical;

namespace MusicCluster.Clustering.Tests.Hierarchical;

public class WardTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void HeightsAndFlatLabelsMatchScipy(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("ward", name);
        var z = f.Doubles("linkage");
        var link = WardLinkage.Fit(data.X, data.N, data.D);
        Assert.Equal(data.N - 1, link.Height.Length);
        for (int i = 0; i < data.N - 1; i++)
        {
            double h = z[4 * i + 2];
            Assertions.Close(h, link.Height[i], 1e-5 * Math.Max(1, h), $"{name} merge {i} height");
        }
        Assert.Equal(data.N, link.Size[^1]);
        foreach (int k in new[] { 2, 3, 5, 10 })
            Assertions.SamePartition(f.Ints($"labels_{k}"), link.Cut(k), $"{name} k={k}");
    }

    [Fact]
    public void LinkageRowsReferToEarlierClustersLikeScipy()
    {
        var data = ReferenceData.Load("wine");
        var z = ReferenceData.Fixture("ward", "wine").Doubles("linkage");
        var link = WardLinkage.Fit(data.X, data.N, data.D);
        var ours = link.ToArray();
        // Wine has no tied heights, so the whole matrix (ids and sizes too) must be scipy's.
        for (int i = 0; i < z.Length; i++) Assertions.Close(z[i], ours[i], 1e-5 * Math.Max(1, Math.Abs(z[i])), $"Z[{i / 4}, {i % 4}]");
    }

    [Fact]
    public void AgglomerativeClusteringCutsIntoK()
    {
        var data = ReferenceData.Load("iris");
        var labels = new AgglomerativeClustering(3).FitPredict(data.X, data.N, data.D);
        Assertions.SamePartition(ReferenceData.Fixture("ward", "iris").Ints("labels_3"), labels, "iris k=3");
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgglomerativeClustering(5).Fit([1f, 2f], 2, 1));
    }
}
