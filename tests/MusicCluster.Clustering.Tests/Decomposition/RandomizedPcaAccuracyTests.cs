using MusicCluster.Clustering.Decomposition;
using MusicCluster.Clustering.LinearAlgebra;

namespace MusicCluster.Clustering.Tests.Decomposition;

/// <summary>The float32 randomized PCA against scikit-learn's exact and randomized PCA (tests/reference/pca_randomized.py).</summary>
public class RandomizedPcaAccuracyTests
{
    private static readonly TestSupport.Fixture Reference = TestSupport.Fixture.Load("clustering/pca_randomized.json");

    [Theory]
    [InlineData("separated")]
    [InlineData("decaying")]
    public void AsAccurateAsScikitLearnsRandomizedSolver(string name)
    {
        var f = Reference.Child(name);
        int n = (int)f.Scalar("n"), d = (int)f.Scalar("d"), k = (int)f.Scalar("n_components");
        var x = LowRankData.Build(n, d, (int)f.Scalar("rank"), f.Scalar("decay"));
        double sum = 0, sumSq = 0;
        foreach (float v in x) { sum += v; sumSq += (double)v * v; }
        // numpy sums pairwise, we in order: equal to 1e-12 relative when the float32 values are the same.
        Assert.Equal(f.Scalar("data_sum"), sum, 1e-12 * Math.Abs(sum));
        Assert.Equal(f.Scalar("data_sum_sq"), sumSq, 1e-12 * sumSq);

        var evr = f.Doubles("full_explained_variance_ratio");
        var components = f.Doubles("full_components");
        // Their worst error over five seeds, with a floor at float32 rounding of the ratios themselves.
        double ratioBound = Math.Max(2 * f.Doubles("randomized_max_ratio_error").Max(), 1e-6);
        double angleBound = Math.Max(2 * f.Doubles("randomized_max_angle_error").Max(), 2e-6);
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var pca = new Pca(k, PcaSolver.Randomized, seed).Fit(x, n, d);
            Assert.Equal(PcaSolver.Randomized, pca.SolverUsed);
            for (int c = 0; c < k; c++)
            {
                double ratioError = Math.Abs(pca.ExplainedVarianceRatio[c] - evr[c]);
                Assert.True(ratioError <= ratioBound, $"{name} seed {seed} component {c}: ratio error {ratioError:E2} > {ratioBound:E2}");
                double cos = 0;
                for (int j = 0; j < d; j++) cos += pca.ComponentsMatrix[c * d + j] * components[c * d + j];
                Assert.True(1 - Math.Abs(cos) <= angleBound, $"{name} seed {seed} component {c}: 1-|cos| {1 - Math.Abs(cos):E2} > {angleBound:E2}");
                // svd_flip on U: the signs agree with scikit-learn's exact solver, which flips the same way.
                Assert.True(cos > 0, $"{name} seed {seed} component {c} has the opposite sign");
            }
        }
    }

    [Fact]
    public void SameSeedSameBits()
    {
        var x = LowRankData.Build(3000, 24, 6, 0.9);
        var a = new Pca(5, PcaSolver.Randomized, seed: 7).Fit(x, 3000, 24);
        var b = new Pca(5, PcaSolver.Randomized, seed: 7).Fit(x, 3000, 24);
        Assert.Equal(a.ComponentsMatrix, b.ComponentsMatrix);
        Assert.Equal(a.SingularValues, b.SingularValues);
    }

    [Fact]
    public void RankBelowThePanelWidthKeepsTheLeadingComponentsExact()
    {
        // Rank 3 without noise: the 15-column panels are singular, so the shifted factor and the float64 fallback run.
        int n = 9000, d = 20;
        var x = LowRankData.Build(n, d, 3, 1.0, noise: 0);
        var exact = new Pca(5, PcaSolver.Full).Fit(x, n, d);
        var randomized = new Pca(5, PcaSolver.Randomized, seed: 3).Fit(x, n, d);
        for (int c = 0; c < 3; c++)
            Assert.True(Math.Abs(exact.ExplainedVarianceRatio[c] - randomized.ExplainedVarianceRatio[c]) < 1e-5, $"ratio {c}");
        for (int c = 0; c < 5; c++) Assert.True(double.IsFinite(randomized.ExplainedVarianceRatio[c]) && randomized.ExplainedVarianceRatio[c] < 1e-5 + (c < 3 ? 1 : 0));
        Assert.All(randomized.ComponentsMatrix, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void CholeskyQrOfATallFloatPanelIsOrthonormalAndKeepsTheSpan()
    {
        int m = 20000, l = 7;
        var g = new GaussianRandom(5);
        var y = new float[m * l];
        for (int i = 0; i < y.Length; i++) y[i] = (float)g.Next();
        for (int i = 0; i < m; i++) y[i * l + 6] = 300 * y[i * l] + y[i * l + 6]; // badly scaled but independent
        var original = (float[])y.Clone();
        Float32CholeskyQr.Orthonormalize(y, m, l, new float[m * l], orthonormal: true);
        var gram = new double[l * l];
        Float32CholeskyQr.Gram(y, m, l, gram);
        for (int a = 0; a < l; a++)
            for (int b = 0; b < l; b++)
                Assert.True(Math.Abs(gram[a * l + b] - (a == b ? 1 : 0)) < 1e-5, $"QᵀQ[{a},{b}] = {gram[a * l + b]}");
        for (int c = 0; c < l; c++)
        {
            // The residual of each original column after projection onto Q is float32 rounding.
            var rest = new double[m];
            for (int i = 0; i < m; i++) rest[i] = original[i * l + c];
            for (int b = 0; b < l; b++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += y[i * l + b] * (double)original[i * l + c];
                for (int i = 0; i < m; i++) rest[i] -= dot * y[i * l + b];
            }
            double norm = 0, full = 0;
            for (int i = 0; i < m; i++) { norm += rest[i] * rest[i]; full += (double)original[i * l + c] * original[i * l + c]; }
            Assert.True(Math.Sqrt(norm / full) < 1e-4, $"column {c} leaves the span by {Math.Sqrt(norm / full):E2}");
        }
    }
}
