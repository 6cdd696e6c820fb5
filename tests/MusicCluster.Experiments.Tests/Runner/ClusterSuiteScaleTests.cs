using MusicCluster.Clustering.Metrics;
using MusicCluster.Clustering.Partitioning;
using MusicCluster.Experiments.Reports;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Tests.Runner;

public class ClusterSuiteScaleTests
{
    private static FeatureMatrix Blobs(int n, int d, int groups, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i * d + j] = (float)(rng.NextDouble() + (i % groups) * 10 * (j == 0 ? 1 : 0));
        return new FeatureMatrix(x, n, d);
    }

    [Fact]
    public void AboveTheThresholdsKMeansIsMiniBatchAndSilhouetteIsSampled()
    {
        var x = Blobs(3000, 4, 3, 1);
        var config = new ClusteringConfig { MiniBatchKMeansAbove = 2000, SilhouetteSampleSize = 500, KMeansNInit = 2 };
        var (row, labels) = ClusterSuite.Run("blobs", x, 3, 3, config, [], ["kmeans"])[0];
        var expected = new MiniBatchKMeans(3, seed: 3, nInit: 2).Fit(x.Data, x.Rows, x.Cols).Labels;
        Assert.Equal(expected, labels.Labels);
        Assert.Equal(500, row.Metrics[MetricNames.SilhouetteSample]);
        Assert.Equal(Silhouette.Score(x.Data, x.Rows, x.Cols, labels.Labels, 500, 3), row.Metrics[MetricNames.Silhouette]);
        var text = SummaryWriter.Render(new TaskReport { Title = "t", Description = "d", Rows = [row], Seeds = [3], LabelSets = [] });
        Assert.Contains("seeded random sample", text);
    }

    [Fact]
    public void BelowTheThresholdsNothingChanges()
    {
        var x = Blobs(300, 3, 3, 2);
        var (row, labels) = ClusterSuite.Run("blobs", x, 0, 3, new ClusteringConfig(), [], ["kmeans"])[0];
        Assert.Equal(new KMeans(3, 10, seed: 0).Fit(x.Data, x.Rows, x.Cols).Labels, labels.Labels);
        Assert.False(row.Metrics.ContainsKey(MetricNames.SilhouetteSample));
        Assert.Equal(Silhouette.Score(x.Data, x.Rows, x.Cols, labels.Labels), row.Metrics[MetricNames.Silhouette]);
    }
}
