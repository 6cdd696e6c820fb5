using MusicCluster.Clustering.Decomposition;
using MusicCluster.Clustering.LinearAlgebra;
using MusicCluster.Clustering.Preprocessing;
using MusicCluster.Tensors.Sparse;

namespace MusicCluster.Clustering.Tests.Decomposition;

public class DecompositionTests
{
    public static IEnumerable<object[]> Datasets() => ReferenceData.All();

    private static void SameUpToSign(double[] expected, double[] actual, int rows, int cols, double tol, string what)
    {
        for (int r = 0; r < rows; r++)
        {
            double dot = 0;
            for (int c = 0; c < cols; c++) dot += expected[r * cols + c] * actual[r * cols + c];
            double sign = dot >= 0 ? 1 : -1;
            for (int c = 0; c < cols; c++)
                Assertions.Close(expected[r * cols + c], sign * actual[r * cols + c], tol, $"{what} component {r}[{c}]");
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ExactPcaMatchesScikitLearn(string name)
    {
        var data = ReferenceData.Load(name);
        var f = ReferenceData.Fixture("pca", name);
        int k = (int)f.Scalar("n_components");
        var pca = new Pca(k, PcaSolver.Full).Fit(data.X, data.N, data.D);
        var ev = f.Doubles("explained_variance");
        var evr = f.Doubles("explained_variance_ratio");
        var sv = f.Doubles("singular_values");
        for (int c = 0; c < k; c++)
        {
            Assertions.Close(ev[c], pca.ExplainedVariance[c], 1e-6 * ev[0], $"{name} explained variance {c}");
            Assertions.Close(evr[c], pca.ExplainedVarianceRatio[c], 1e-6, $"{name} explained variance ratio {c}");
            Assertions.Close(sv[c], pca.SingularValues[c], 1e-6 * sv[0], $"{name} singular value {c}");
        }
        SameUpToSign(f.Doubles("components"), pca.ComponentsMatrix, k, data.D, 1e-5, name);
        // The sign convention is scikit-learn's svd_flip, so even the signs agree and so do the projections.
        var expected = f.Doubles("components");
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i]) > 1e-4) Assert.True(Math.Sign(expected[i]) == Math.Sign(pca.ComponentsMatrix[i]), $"{name}: sign of component entry {i} differs");
        var head = f.Doubles("transformed_head");
        var y = pca.Transform(data.X.AsSpan(0, 10 * data.D), 10, data.D);
        for (int i = 0; i < head.Length; i++) Assertions.Close(head[i], y[i], 1e-4 * Math.Max(1, Math.Abs(head[i])), $"{name} transform {i}");
    }

    [Fact]
    public void RandomizedPcaAgreesWithExactOnDigits()
    {
        var data = ReferenceData.Load("digits");
        var f = ReferenceData.Fixture("pca", "digits");
        var pca = new Pca(5, PcaSolver.Randomized, seed: 1).Fit(data.X, data.N, data.D);
        Assert.Equal(PcaSolver.Randomized, pca.SolverUsed);
        var evr = f.Doubles("explained_variance_ratio");
        for (int c = 0; c < 5; c++) Assertions.Close(evr[c], pca.ExplainedVarianceRatio[c], 1e-4, $"ratio {c}");
        SameUpToSign(f.Doubles("components"), pca.ComponentsMatrix, 5, data.D, 2e-3, "randomized digits");
        var again = new Pca(5, PcaSolver.Randomized, seed: 1).Fit(data.X, data.N, data.D);
        Assert.Equal(pca.ComponentsMatrix, again.ComponentsMatrix);
    }

    [Fact]
    public void CholeskyQrOrthonormalisesLongPanelsAndRefusesDependentOnes()
    {
        int l = 6, m = RandomizedSvd.CholeskyQrMinLength + 100;
        var panel = new double[l * m];
        new GaussianRandom(4).Fill(panel);
        for (int i = 0; i < m; i++) panel[5 * m + i] += 1e3 * panel[i]; // badly scaled but independent
        var original = (double[])panel.Clone();
        Assert.True(CholeskyQr.TryOrthonormalize(panel, l, m, new double[l * m]));
        for (int a = 0; a < l; a++)
            for (int b = 0; b < l; b++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += panel[a * m + i] * panel[b * m + i];
                Assertions.Close(a == b ? 1 : 0, dot, 1e-12, $"QᵀQ [{a}, {b}]");
            }
        // Same span: every original vector is reproduced by its projection onto Q.
        for (int a = 0; a < l; a++)
        {
            var rest = original.AsSpan(a * m, m).ToArray();
            for (int b = 0; b < l; b++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += panel[b * m + i] * original[a * m + i];
                for (int i = 0; i < m; i++) rest[i] -= dot * panel[b * m + i];
            }
            double norm = Math.Sqrt(rest.Sum(v => v * v));
            Assert.True(norm < 1e-9 * Math.Sqrt(original.AsSpan(a * m, m).ToArray().Sum(v => v * v)), $"vector {a} leaves the span by {norm}");
        }
        // A repeated vector makes the Gram matrix singular: refused, panel untouched.
        var dependent = (double[])original.Clone();
        original.AsSpan(0, m).CopyTo(dependent.AsSpan(3 * m, m));
        var copy = (double[])dependent.Clone();
        Assert.False(CholeskyQr.TryOrthonormalize(dependent, l, m, new double[l * m]));
        Assert.Equal(copy, dependent);
    }

    [Fact]
    public void RandomizedPcaOnLongInputAgreesWithExact()
    {
        // Enough rows for the Cholesky QR path; low-rank signal plus noise like the benchmark's data.
        int n = RandomizedSvd.CholeskyQrMinLength * 2, d = 40, r = 6;
        var g = new GaussianRandom(8);
        var a = new double[n * r]; var b = new double[r * d]; var e = new double[n * d];
        g.Fill(a); g.Fill(b); g.Fill(e);
        var x = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double s = 0.1 * e[i * d + j] + 3;
                for (int t = 0; t < r; t++) s += a[i * r + t] * b[t * d + j];
                x[i * d + j] = (float)s;
            }
        var exact = new Pca(5, PcaSolver.Full).Fit(x, n, d);
        var randomized = new Pca(5, PcaSolver.Randomized, seed: 2).Fit(x, n, d);
        for (int c = 0; c < 5; c++) Assertions.Close(exact.ExplainedVarianceRatio[c], randomized.ExplainedVarianceRatio[c], 1e-5, $"ratio {c}");
        SameUpToSign(exact.ComponentsMatrix, randomized.ComponentsMatrix, 5, d, 1e-4, "randomized vs exact");
    }

    [Fact]
    public void StandardScalerMatchesScikitLearn()
    {
        var f = ReferenceData.Fixture("scaler", "wine");
        var shape = f.Shape("x");
        var x = f.Floats("x");
        var sc = new StandardScaler().Fit(x, shape[0], shape[1]);
        var mean = f.Doubles("mean");
        var scale = f.Doubles("scale");
        for (int j = 0; j < shape[1]; j++)
        {
            Assertions.Close(mean[j], sc.Mean[j], 1e-9 * Math.Max(1, Math.Abs(mean[j])), $"mean {j}");
            Assertions.Close(scale[j], sc.Scale[j], 1e-9 * Math.Max(1, scale[j]), $"scale {j}");
        }
        var head = f.Doubles("transformed_head");
        var y = sc.Transform(x.AsSpan(0, 5 * shape[1]), 5, shape[1]);
        for (int i = 0; i < head.Length; i++) Assertions.Close(head[i], y[i], 1e-6, $"transformed {i}");
    }

    [Fact]
    public void StandardScalerFromSavedStatisticsTransformsBitForBitLikeTheFittedOne()
    {
        var f = ReferenceData.Fixture("scaler", "wine");
        var shape = f.Shape("x");
        var x = f.Floats("x");
        var fitted = new StandardScaler().Fit(x, shape[0], shape[1]);
        var saved = StandardScaler.FromStatistics(fitted.Mean, fitted.Scale);
        Assert.Equal(fitted.Transform(x, shape[0], shape[1]), saved.Transform(x, shape[0], shape[1]));
        Assert.Throws<ArgumentException>(() => StandardScaler.FromStatistics([0.0, 1.0], [1.0]));
        Assert.Throws<ArgumentException>(() => StandardScaler.FromStatistics([0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => StandardScaler.FromStatistics([double.NaN], [1.0]));
    }

    [Fact]
    public void TruncatedSvdOnCsrMatchesArpack()
    {
        var data = ReferenceData.Load("digits");
        var f = ReferenceData.Fixture("tsvd", "digits");
        var csr = ToCsr(data.X, data.N, data.D);
        Assert.True(csr.NonZeros < data.X.Length * 0.6);
        var svd = new TruncatedSvd(5, seed: 0).Fit(csr);
        var sv = f.Doubles("singular_values");
        var evr = f.Doubles("explained_variance_ratio");
        for (int c = 0; c < 5; c++)
        {
            Assertions.Close(sv[c], svd.SingularValues[c], 1e-4 * sv[c], $"singular value {c}");
            Assertions.Close(evr[c], svd.ExplainedVarianceRatio[c], 1e-4, $"variance ratio {c}");
        }
        SameUpToSign(f.Doubles("components"), svd.ComponentsMatrix, 5, data.D, 5e-3, "tsvd");
        var dense = new TruncatedSvd(5, seed: 0).Fit(data.X, data.N, data.D);
        for (int c = 0; c < 5; c++) Assertions.Close(svd.SingularValues[c], dense.SingularValues[c], 1e-4 * sv[c], $"dense vs sparse {c}");
    }

    [Theory]
    [InlineData(9, 7, false)]
    [InlineData(64, 3, false)]
    [InlineData(40, 5, true)]
    public void SymmetricEigenReconstructsTheMatrix(int n, int seed, bool lowRank)
    {
        // lowRank: a rank-3 matrix, so most eigenvalues repeat (zero) and the tridiagonal reduction meets zero columns.
        var rng = new GaussianRandom(seed);
        int cols = lowRank ? 3 : n;
        var b = new double[n * cols];
        rng.Fill(b);
        var a = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++)
            a[i * n + j] = lowRank ? Enumerable.Range(0, cols).Sum(c => b[i * cols + c] * b[j * cols + c]) : b[i * n + j] + b[j * n + i];
        var eig = SymmetricEigen.Decompose(a, n);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++)
        {
            double s = 0, o = 0;
            for (int k = 0; k < n; k++) { s += eig.Vector(k, i) * eig.Values[k] * eig.Vector(k, j); o += eig.Vector(i, k) * eig.Vector(j, k); }
            Assert.Equal(a[i * n + j], s, 9);
            Assert.Equal(i == j ? 1 : 0, o, 12);
        }
        for (int k = 1; k < n; k++) Assert.True(eig.Values[k - 1] >= eig.Values[k]);
        if (lowRank) for (int k = cols; k < n; k++) Assert.True(Math.Abs(eig.Values[k]) < 1e-10 * eig.Values[0], $"eigenvalue {k} = {eig.Values[k]}");
    }

    [Fact]
    public void GroupedCovarianceMatchesAPlainFloat64Sum()
    {
        // More rows than one parallel group, and a large offset so that centring matters.
        int n = Covariance.RowGroup * 2 + 123, d = 6;
        var x = new float[n * d];
        var rng = new Random(11);
        for (int i = 0; i < x.Length; i++) x[i] = (float)(100 + rng.NextDouble() * (1 + i % d));
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[] cov;
        unsafe { fixed (float* p = x) cov = Covariance.Centred((nint)p, n, d, mean); }
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
            Assertions.Close(s, cov[a * d + b], 1e-10 * Math.Abs(cov[a * d + a]), $"scatter [{a}, {b}]");
        }
        // Full PCA on the same data: repeatable bit for bit, and Transform is the centred projection.
        var p1 = new Pca(3, PcaSolver.Full).Fit(x, n, d);
        var p2 = new Pca(3, PcaSolver.Full).Fit(x, n, d);
        Assert.Equal(p1.ComponentsMatrix, p2.ComponentsMatrix);
        var y = p1.Transform(x, n, d);
        foreach (int i in new[] { 0, 4097, n - 1 })
            for (int c = 0; c < 3; c++)
            {
                double e = 0;
                for (int j = 0; j < d; j++) e += (x[i * d + j] - p1.Mean[j]) * p1.ComponentsMatrix[c * d + j];
                Assertions.Close(e, y[i * 3 + c], 1e-4, $"projection of row {i} on component {c}");
            }
    }

    internal static CsrMatrix ToCsr(float[] x, int n, int d)
    {
        var ptr = new int[n + 1];
        var cols = new List<int>();
        var vals = new List<float>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) if (x[i * d + j] != 0) { cols.Add(j); vals.Add(x[i * d + j]); }
            ptr[i + 1] = cols.Count;
        }
        return new CsrMatrix(n, d, ptr, cols.ToArray(), vals.ToArray());
    }
}
