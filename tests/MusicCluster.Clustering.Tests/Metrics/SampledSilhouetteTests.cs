using MusicCluster.Clustering.Metrics;

namespace MusicCluster.Clustering.Tests.Metrics;

public class SampledSilhouetteTests
{
    [Theory]
    [InlineData("digits")]
    [InlineData("blobs")]
    public void SampleAndScoreMatchScikitLearnsSampleSize(string name)
    {
        var data = ReferenceData.Load(name);
        var labels = ReferenceData.Fixture("metrics", name).Ints("labels_intrinsic");
        var f = TestSupport.Fixture.Load("clustering/silhouette_sampled.json");
        int cases = 0;
        foreach (var c in f.Root.GetProperty(name).EnumerateArray())
        {
            int seed = c.GetProperty("seed").GetInt32(), size = c.GetProperty("sample_size").GetInt32();
            var expected = c.GetProperty("indices").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(expected, Silhouette.SampleRows(data.N, size, seed));
            double reference = c.GetProperty("silhouette").GetDouble();
            Assertions.Close(reference, Silhouette.Score(data.X, data.N, data.D, labels, expected), 1e-6, $"{name} seed {seed} on the given rows");
            Assertions.Close(reference, Silhouette.Score(data.X, data.N, data.D, labels, size, seed), 1e-6, $"{name} seed {seed} sampled");
            cases++;
        }
        Assert.Equal(3, cases);
    }

    [Fact]
    public void ComputeSamplesOnlyAboveTheLimitAndSaysSo()
    {
        var data = ReferenceData.Load("digits");
        var labels = ReferenceData.Fixture("metrics", "digits").Ints("labels_intrinsic");
        var full = Silhouette.Compute(data.X, data.N, data.D, labels, maxRows: data.N);
        Assert.False(full.Sampled);
        Assert.Equal(data.N, full.Rows);
        Assert.Equal(Silhouette.Score(data.X, data.N, data.D, labels), full.Value);
        var sampled = Silhouette.Compute(data.X, data.N, data.D, labels, maxRows: 600, seed: 7);
        Assert.True(sampled.Sampled);
        Assert.Equal(600, sampled.Rows);
        Assert.Equal(Silhouette.Score(data.X, data.N, data.D, labels, 600, 7), sampled.Value);
        Assert.Equal(sampled, Silhouette.Compute(data.X, data.N, data.D, labels, maxRows: 600, seed: 7));
        Assert.NotEqual(sampled.Value, Silhouette.Compute(data.X, data.N, data.D, labels, maxRows: 600, seed: 8).Value);
    }

    [Fact]
    public void NoiseIsDroppedBeforeSampling()
    {
        var data = ReferenceData.Load("blobs");
        var db = ReferenceData.Fixture("metrics", "blobs").Ints("labels_pred");
        int kept = db.Count(l => l != -1);
        var r = Silhouette.Compute(data.X, data.N, data.D, db, maxRows: 200, seed: 1, excludeNoise: true);
        Assert.True(r.Sampled);
        var keptRows = Enumerable.Range(0, data.N).Where(i => db[i] != -1).ToArray();
        var rows = Silhouette.SampleRows(kept, 200, 1).Select(i => keptRows[i]).ToArray();
        Assert.Equal(Silhouette.Score(data.X, data.N, data.D, db, rows), r.Value);
        Assert.DoesNotContain(rows, i => db[i] == -1);
    }

    [Fact]
    public void RejectsBadSampleArguments()
    {
        var data = ReferenceData.Load("iris");
        var y = data.Y;
        Assert.Throws<ArgumentOutOfRangeException>(() => Silhouette.Score(data.X, data.N, data.D, y, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Silhouette.Score(data.X, data.N, data.D, y, data.N + 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Silhouette.SampleRows(10, 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Silhouette.Score(data.X, data.N, data.D, y, [0, data.N]));
    }
}
