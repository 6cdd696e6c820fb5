using MusicCluster.Clustering.Metrics;

namespace MusicCluster.Clustering.Tests.Metrics;

public class LabelMetricTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void LabelMetricsMatchScikitLearn(string name)
    {
        var f = ReferenceData.Fixture("metrics", name);
        var t = f.Ints("labels_true");
        var p = f.Ints("labels_pred");
        CheckAll(f, t, p, NoiseHandling.AsOneCluster, name);
        if (name == "blobs") CheckAll(f.Child("noise_singletons"), t, p, NoiseHandling.AsSingletons, name + " (noise as singletons)");
    }

    private static void CheckAll(Fixture f, int[] t, int[] p, NoiseHandling noise, string name)
    {
        var c = ContingencyMatrix.Build(t, p, noise);
        Assert.Equal(f.Shape("contingency"), new[] { c.Rows, c.Columns });
        Assert.Equal(f.Doubles("contingency"), c.Counts.Select(v => (double)v).ToArray());
        Assertions.Close(f.Scalar("ari"), AdjustedRandIndex.Score(c), 1e-6, $"{name} ARI");
        Assertions.Close(f.Scalar("mi"), MutualInformation.Score(c), 1e-6, $"{name} MI");
        Assertions.Close(f.Scalar("nmi"), MutualInformation.Normalized(c), 1e-6, $"{name} NMI");
        Assertions.Close(f.Scalar("ami"), MutualInformation.Adjusted(c), 1e-6, $"{name} AMI");
        var hcv = HomogeneityCompleteness.Score(c);
        Assertions.Close(f.Scalar("homogeneity"), hcv.Homogeneity, 1e-6, $"{name} homogeneity");
        Assertions.Close(f.Scalar("completeness"), hcv.Completeness, 1e-6, $"{name} completeness");
        Assertions.Close(f.Scalar("v_measure"), hcv.VMeasure, 1e-6, $"{name} V-measure");
        Assertions.Close(f.Scalar("purity"), Purity.Score(c), 1e-6, $"{name} purity");
    }

    [Fact]
    public void PerfectAndTrivialLabellingsFollowScikitLearnConventions()
    {
        int[] a = [0, 0, 1, 1, 2, 2];
        int[] b = [5, 5, 3, 3, 9, 9];
        Assert.Equal(1.0, AdjustedRandIndex.Score(a, b));
        Assert.Equal(1.0, MutualInformation.Normalized(a, b), 12);
        Assert.Equal(1.0, MutualInformation.Adjusted(a, b), 12);
        int[] one = [0, 0, 0, 0, 0, 0];
        Assert.Equal(1.0, MutualInformation.Normalized(one, one));
        Assert.Equal(0.0, MutualInformation.Normalized(a, one));
        Assert.Equal(1.0, HomogeneityCompleteness.Score(a, one).Completeness);
    }

    [Fact]
    public void ExcludingNoiseDropsThosePoints()
    {
        int[] truth = [0, 0, 1, 1, 1];
        int[] pred = [4, 4, 7, 7, -1];
        var c = ContingencyMatrix.Build(truth, pred, NoiseHandling.Exclude);
        Assert.Equal(4, c.Total);
        Assert.Equal(1.0, AdjustedRandIndex.Score(c));
        Assert.Throws<ArgumentException>(() => ContingencyMatrix.Build(truth, [-1, -1, -1, -1, -1], NoiseHandling.Exclude));
        Assert.Throws<ArgumentException>(() => ContingencyMatrix.Build(truth, [1, 2], NoiseHandling.Exclude));
    }
}
