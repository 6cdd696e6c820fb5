using MusicCluster.Clustering.Metrics;

namespace MusicCluster.Clustering.Tests.Metrics;

public class IntrinsicMetricTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void IntrinsicMetricsMatchScikitLearn(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("metrics", name);
        var labels = f.Ints("labels_intrinsic");
        Assertions.Close(f.Scalar("silhouette"), Silhouette.Score(data.X, data.N, data.D, labels), 1e-6, $"{name} silhouette");
        Assertions.Close(f.Scalar("calinski_harabasz"), CalinskiHarabasz.Score(data.X, data.N, data.D, labels), 1e-6 * Math.Max(1, f.Scalar("calinski_harabasz")), $"{name} CH");
        Assertions.Close(f.Scalar("davies_bouldin"), DaviesBouldin.Score(data.X, data.N, data.D, labels), 1e-6, $"{name} DB");
        var head = f.Doubles("silhouette_samples_head");
        var samples = Silhouette.Samples(data.X, data.N, data.D, labels);
        for (int i = 0; i < head.Length; i++) Assertions.Close(head[i], samples[i], 1e-6, $"{name} silhouette sample {i}");
    }

    [Fact]
    public void NoiseIsExcludedFromIntrinsicMetricsWhenAsked()
    {
        var data = ReferenceData.Load("blobs");
        var f = ReferenceData.Fixture("metrics", "blobs");
        var g = f.Child("no_noise");
        var db = f.Ints("labels_pred");
        Assertions.Close(g.Scalar("silhouette"), Silhouette.Score(data.X, data.N, data.D, db, excludeNoise: true), 1e-6, "silhouette without noise");
        Assertions.Close(g.Scalar("calinski_harabasz"), CalinskiHarabasz.Score(data.X, data.N, data.D, db, excludeNoise: true), 1e-6 * g.Scalar("calinski_harabasz"), "CH without noise");
        Assertions.Close(g.Scalar("davies_bouldin"), DaviesBouldin.Score(data.X, data.N, data.D, db, excludeNoise: true), 1e-6, "DB without noise");
    }

    [Fact]
    public void SampledSilhouetteIsSeededAndClose()
    {
        var data = ReferenceData.Load("digits");
        var labels = ReferenceData.Fixture("metrics", "digits").Ints("labels_intrinsic");
        double full = Silhouette.Score(data.X, data.N, data.D, labels);
        double a = Silhouette.Score(data.X, data.N, data.D, labels, sampleSize: 900, seed: 3);
        double b = Silhouette.Score(data.X, data.N, data.D, labels, sampleSize: 900, seed: 3);
        Assert.Equal(a, b);
        Assert.InRange(a, full - 0.03, full + 0.03);
    }

    [Fact]
    public void SilhouetteRejectsASingleCluster()
    {
        float[] x = [0, 1, 2, 3];
        var e = Assert.Throws<ArgumentException>(() => Silhouette.Score(x, 4, 1, [1, 1, 1, 1]));
        Assert.Contains("clusters", e.Message);
    }

    [Theory]
    [InlineData("wine")]
    [InlineData("blobs")]
    // Not iris: it has duplicate rows, and scikit-learn ranks tied distances in argsort's (unstable) order.
    public void TrustworthinessMatchesScikitLearn(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("trust", name);
        var y = f.Floats("embedding");
        Assertions.Close(f.Scalar("t5"), Trustworthiness.Score(data.X, data.N, data.D, y, 2, 5), 1e-6, $"{name} trustworthiness k=5");
        Assertions.Close(f.Scalar("t10"), Trustworthiness.Score(data.X, data.N, data.D, y, 2, 10), 1e-6, $"{name} trustworthiness k=10");
    }
}
