using System.Diagnostics;
using MusicCluster.Clustering.Manifold;
using MusicCluster.Clustering.Metrics;
using Xunit.Abstractions;

namespace MusicCluster.Clustering.Tests.Manifold;

public class TsneTests(ITestOutputHelper output)
{
    [Fact]
    public void PerplexityCalibrationMatchesScikitLearn()
    {
        var f = TestSupport.Fixture.Load("clustering/perplexity_iris40.json");
        var shape = f.Shape("x");
        int n = shape[0], d = shape[1], k = n - 1;
        var x = f.Floats("x");
        var expected = f.Doubles("p");
        var dist = new float[n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0, c = 0; j < n; j++)
            {
                if (j == i) continue;
                float s = 0;
                for (int a = 0; a < d; a++) { float t = x[i * d + a] - x[j * d + a]; s += t * t; }
                dist[i * k + c++] = s;
            }
        PerplexityCalibration.Calibrate(dist, n, k, f.Scalar("perplexity"));
        for (int i = 0; i < n; i++)
            for (int j = 0, c = 0; j < n; j++)
            {
                if (j == i) continue;
                Assertions.Close(expected[i * n + j], dist[i * k + c++], 1e-6, $"P[{i},{j}]");
            }
    }

    [Fact]
    public void BarnesHutOnDigitsIsAsTrustworthyAsScikitLearn()
    {
        var data = ReferenceData.Load("digits");
        var f = TestSupport.Fixture.Load("clustering/tsne.json");
        var sw = Stopwatch.StartNew();
        var tsne = new Tsne(seed: 0).Fit(data.X, data.N, data.D);
        sw.Stop();
        double trust = Trustworthiness.Score(data.X, data.N, data.D, tsne.Embedding, 2, 10);
        output.WriteLine($"digits BH t-SNE: {sw.Elapsed.TotalSeconds:F2} s, trustworthiness {trust:F4} (sklearn {f.Scalar("bh_trust10"):F4}), KL {tsne.KlDivergence:F4} (sklearn {f.Scalar("bh_kl"):F4})");
        Assert.True(trust >= f.Scalar("bh_trust10") - 0.01, $"trustworthiness {trust} vs scikit-learn {f.Scalar("bh_trust10")}");
        Assert.InRange(tsne.KlDivergence, 0.5 * f.Scalar("bh_kl"), 1.5 * f.Scalar("bh_kl"));
    }

    [Theory]
    [InlineData(TsneMethod.Exact, "iris_exact")]
    [InlineData(TsneMethod.BarnesHut, "iris_bh")]
    public void IrisEmbeddingsMatchScikitLearnsQuality(TsneMethod method, string key)
    {
        var data = ReferenceData.Load("iris");
        var f = TestSupport.Fixture.Load("clustering/tsne.json");
        var tsne = new Tsne(method: method, seed: 0).Fit(data.X, data.N, data.D);
        double trust = Trustworthiness.Score(data.X, data.N, data.D, tsne.Embedding, 2, 10);
        output.WriteLine($"{key}: trustworthiness {trust:F4} (sklearn {f.Scalar(key + "_trust10"):F4}), KL {tsne.KlDivergence:F4} (sklearn {f.Scalar(key + "_kl"):F4})");
        Assert.True(Math.Abs(trust - f.Scalar(key + "_trust10")) <= 0.01 || trust > f.Scalar(key + "_trust10"), $"trustworthiness {trust}");
        Assert.InRange(tsne.KlDivergence, 0.7 * f.Scalar(key + "_kl"), 1.3 * f.Scalar(key + "_kl"));
    }

    [Fact]
    public void SameSeedGivesBitIdenticalEmbeddings()
    {
        var data = ReferenceData.Load("wine");
        var a = new Tsne(perplexity: 20, maxIterations: 300, seed: 4).FitTransform(data.X, data.N, data.D);
        var b = new Tsne(perplexity: 20, maxIterations: 300, seed: 4).FitTransform(data.X, data.N, data.D);
        Assert.Equal(a, b);
    }

    [Fact]
    public void VpTreeFindsTheTrueNearestNeighbours()
    {
        var data = ReferenceData.Load("wine");
        var tree = new VpTree(data.X, data.N, data.D, seed: 3);
        var idx = new int[6];
        var dist = new float[6];
        for (int q = 0; q < data.N; q += 7)
        {
            tree.Nearest(q, 6, idx, dist);
            var brute = Enumerable.Range(0, data.N).Where(i => i != q)
                .Select(i => (i, s: Math.Sqrt(Enumerable.Range(0, data.D).Sum(a => Math.Pow(data.X[q * data.D + a] - data.X[i * data.D + a], 2)))))
                .OrderBy(t => t.s).Take(6).Select(t => t.s).ToArray();
            for (int j = 0; j < 6; j++) Assert.Equal(brute[j], dist[j], 4);
        }
    }

    [Fact]
    public void RejectsPerplexityOutOfRange()
    {
        var data = ReferenceData.Load("iris");
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tsne(perplexity: 200).Fit(data.X, data.N, data.D));
        Assert.Throws<ArgumentException>(() => new Tsne(components: 3).Fit(data.X, data.N, data.D));
    }
}
