using MusicCluster.Clustering.Partitioning;

namespace MusicCluster.Clustering.Tests.Partitioning;

public class MiniBatchKMeansTests
{
    [Theory]
    [InlineData("digits")]
    [InlineData("blobs")]
    [InlineData("wine")]
    public void InertiaAndStoppingMatchScikitLearnOverTenSeeds(string name)
    {
        var data = ReferenceData.Load(name);
        var f = TestSupport.Fixture.Load("clustering/minibatch_kmeans.json").Child(name);
        int k = (int)f.Scalar("k"), batch = (int)f.Scalar("batch_size");
        var ours = Enumerable.Range(0, 10).Select(s => new MiniBatchKMeans(k, batch, seed: s).Fit(data.X, data.N, data.D)).ToArray();
        double mean = ours.Average(m => m.Inertia), reference = f.Doubles("inertia").Average();
        Assert.True(mean <= reference * 1.01, $"{name}: mean inertia {mean} vs scikit-learn {reference}");
        Assert.True(mean >= f.Scalar("full_inertia") * 0.999, $"{name}: mean inertia {mean} below the full k-means optimum {f.Scalar("full_inertia")}");
        // Same stopping rule: the number of steps is of the same order (it varies by 2-4x between seeds on either side).
        double steps = ours.Average(m => m.Steps), refSteps = f.Doubles("n_steps").Average();
        Assert.InRange(steps, refSteps / 2, refSteps * 2);
        foreach (var m in ours)
        {
            Assert.Equal(k, m.Labels.Distinct().Count());
            Assert.Equal(m.Labels, m.Predict(data.X, data.N, data.D));
            Assert.Equal((int)Math.Ceiling((double)m.Steps * Math.Min(batch, data.N) / data.N), m.Iterations);
        }
    }

    [Fact]
    public void SameSeedGivesBitIdenticalResults()
    {
        var data = ReferenceData.Load("digits");
        var a = new MiniBatchKMeans(10, 200, seed: 4).Fit(data.X, data.N, data.D);
        var b = new MiniBatchKMeans(10, 200, seed: 4).Fit(data.X, data.N, data.D);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Steps, b.Steps);
    }

    [Fact]
    public void StreamingBatchesConvergeToTheClusters()
    {
        var data = ReferenceData.Load("blobs");
        var mb = new MiniBatchKMeans(4, 110, seed: 2);
        for (int epoch = 0; epoch < 5; epoch++)
            for (int start = 0; start < data.N; start += 110)
                mb.PartialFit(data.X.AsSpan(start * data.D, 110 * data.D), 110, data.D);
        Assert.Equal(20, mb.Steps);
        var labels = mb.Predict(data.X, data.N, data.D);
        var full = new KMeans(4, seed: 0).Fit(data.X, data.N, data.D);
        // Same partition as full k-means on the blob points (noise rows aside), up to renaming.
        int agree = 0, blob = 0;
        var map = new Dictionary<int, int>();
        for (int i = 0; i < data.N; i++)
        {
            if (data.Y[i] < 0) continue;
            blob++;
            if (!map.TryGetValue(labels[i], out int m)) map[labels[i]] = m = full.Labels[i];
            if (m == full.Labels[i]) agree++;
        }
        Assert.True(agree >= blob * 0.99, $"{agree} of {blob} blob points agree with full k-means");
        Assert.Throws<ArgumentException>(() => mb.PartialFit(new float[6], 2, 3));
    }

    [Theory]
    [InlineData(0.01, 3)]
    [InlineData(0.0, 1)]
    public void StarvedCentresAreReassigned(double ratio, int expectedClusters)
    {
        // Seeded on three groups near 0, the stream then moves to three groups near 1000: every new row goes to one centre,
        // the other two starve, and only reassignment (ratio > 0) brings them to the new groups.
        static float[] Groups(int n, float offset, Random rng)
        {
            var x = new float[n * 2];
            for (int i = 0; i < n; i++) { x[i * 2] = (float)(rng.NextDouble() + offset + (i % 3) * 50); x[i * 2 + 1] = (float)rng.NextDouble(); }
            return x;
        }
        var rng = new Random(1);
        var mb = new MiniBatchKMeans(3, 300, seed: 0, reassignmentRatio: ratio);
        mb.PartialFit(Groups(300, 0, rng), 300, 2);
        for (int s = 0; s < 200; s++) mb.PartialFit(Groups(300, 1000, rng), 300, 2);
        var later = Groups(300, 1000, rng);
        Assert.Equal(expectedClusters, mb.Predict(later, 300, 2).Distinct().Count());
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(2, batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(2, nInit: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchKMeans(4).Fit([0, 1, 2], 3, 1));
        Assert.Throws<InvalidOperationException>(() => new MiniBatchKMeans(2).Predict([0, 1], 2, 1));
    }
}
