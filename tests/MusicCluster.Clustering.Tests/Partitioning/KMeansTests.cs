using MusicCluster.Clustering.Partitioning;

namespace MusicCluster.Clustering.Tests.Partitioning;

public class KMeansTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void InertiaIsWithinHalfAPercentOfScikitLearnsBest(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("kmeans", name);
        int k = (int)f.Scalar("k");
        var km = new KMeans(k, nInit: (int)f.Scalar("n_init"), seed: 0).Fit(data.X, data.N, data.D);
        double reference = f.Scalar("inertia");
        Assert.True(km.Inertia <= reference * 1.005, $"{name}: inertia {km.Inertia} vs scikit-learn {reference}");
        Assert.Equal(data.N, km.Labels.Length);
        Assert.Equal(k, km.Labels.Distinct().Count());
        Assert.InRange(km.Iterations, 1, 300);
        // Labels are the nearest centres and Predict agrees with them.
        Assert.Equal(km.Labels, km.Predict(data.X, data.N, data.D));
    }

    [Fact]
    public void SavedCentroidsPredictWhatTheFittedModelPredicts()
    {
        var data = ReferenceData.Load("digits");
        var km = new KMeans(10, nInit: 2, seed: 3).Fit(data.X, data.N, data.D);
        var saved = KMeans.FromCentroids(km.Centroids, km.K, data.D);
        Assert.Equal(km.Labels, saved.Predict(data.X, data.N, data.D));
        Assert.Throws<ArgumentException>(() => saved.Predict(data.X.AsSpan(0, 2 * data.D), 1, 2 * data.D));
        Assert.Throws<ArgumentException>(() => KMeans.FromCentroids(km.Centroids, km.K + 1, data.D));
        Assert.Throws<ArgumentException>(() => KMeans.FromCentroids([float.NaN, 0f], 1, 2));
    }

    [Fact]
    public void SameSeedGivesBitIdenticalResults()
    {
        var data = ReferenceData.Load("digits");
        var a = new KMeans(10, nInit: 2, seed: 5).Fit(data.X, data.N, data.D);
        var b = new KMeans(10, nInit: 2, seed: 5).Fit(data.X, data.N, data.D);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
    }

    [Fact]
    public void ParallelSeedingGivesTheSameCentresAsSerial()
    {
        // Several parallel chunks of rows, so the chunked potential sums are really combined.
        // Seven tight groups 100 apart (d = 19 also exercises the SIMD remainder): greedy k-means++ must take one centre from each.
        int n = KMeansPlusPlus.RowChunk * 3 + 77, d = 19, k = 7;
        var x = new float[n * d];
        var rng = new Random(3);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() + (i / d % 7) * 100);
        var parallel = KMeansPlusPlus.Seed(x, n, d, k, new Random(9));
        float[] serial;
        MusicCluster.Clustering.Common.FixedChunks.ForceSerial = true;
        try { serial = KMeansPlusPlus.Seed(x, n, d, k, new Random(9)); }
        finally { MusicCluster.Clustering.Common.FixedChunks.ForceSerial = false; }
        Assert.Equal(serial, parallel);
        // Every centre is a data row, and each group gets exactly one.
        var groups = new HashSet<int>();
        for (int c = 0; c < k; c++)
        {
            int row = Enumerable.Range(0, n).First(i => x.AsSpan(i * d, d).SequenceEqual(parallel.AsSpan(c * d, d)));
            Assert.True(groups.Add(row % 7), $"centre {c} (row {row}) is in an already covered group");
        }
    }

    [Fact]
    public void DuplicatePointsDoNotLeaveEmptyClusters()
    {
        // Six copies of one point and two others: k = 3 needs the relocation path to keep every cluster populated.
        float[] x = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 9, 9];
        var km = new KMeans(3, nInit: 3, seed: 1).Fit(x, 8, 2);
        Assert.Equal(3, km.Labels.Distinct().Count());
        Assert.Equal(0, km.Inertia, 10);
    }

    [Fact]
    public void TensorOverloadsGiveTheSameResultAsSpans()
    {
        var data = ReferenceData.Load("iris");
        var t = MusicCluster.Tensors.Tensor<float>.FromArray(data.X, data.N, data.D);
        var a = new KMeans(3, seed: 2).Fit(t);
        var b = new KMeans(3, seed: 2).Fit(data.X, data.N, data.D);
        Assert.Equal(b.Centroids, a.Centroids);
        Assert.Equal(b.Labels, a.Predict(t));
        var pca = new MusicCluster.Clustering.Decomposition.Pca(2).Fit(t);
        Assert.Equal(new[] { data.N, 2 }, pca.Transform(t).Shape);
        Assert.Throws<ArgumentException>(() => new KMeans(3).Fit(MusicCluster.Tensors.Tensor<float>.Zeros(4)));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        float[] x = [0, 1, 2];
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(4).Fit(x, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0));
        Assert.Throws<ArgumentException>(() => new KMeans(2).Fit([0, float.NaN, 1], 3, 1));
    }

    [Fact]
    public void MiniBatchComesCloseToFullKMeans()
    {
        var data = ReferenceData.Load("blobs");
        double full = new KMeans(4, seed: 0).Fit(data.X, data.N, data.D).Inertia;
        var mb = new MiniBatchKMeans(4, batchSize: 128, seed: 0).Fit(data.X, data.N, data.D);
        Assert.True(mb.Inertia <= full * 1.05, $"mini-batch inertia {mb.Inertia} vs full {full}");
        var again = new MiniBatchKMeans(4, batchSize: 128, seed: 0).Fit(data.X, data.N, data.D);
        Assert.Equal(mb.Centroids, again.Centroids);
    }
}
