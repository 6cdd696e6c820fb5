using MusicCluster.Clustering.Manifold;
using MusicCluster.Clustering.Metrics;
using Xunit.Abstractions;

namespace MusicCluster.Clustering.Tests.Manifold;

public class TsneFftTests(ITestOutputHelper output)
{
    // Gaussian groups over a square of the given width, like a t-SNE map part-way through its optimisation.
    private static double[] Embedding(int n, double width, int seed)
    {
        var rng = new Random(seed);
        var y = new double[2 * n];
        var centres = new double[20];
        for (int c = 0; c < centres.Length; c++) centres[c] = (rng.NextDouble() - 0.5) * width;
        for (int i = 0; i < n; i++)
        {
            int g = i % 10;
            double r = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())), a = 2 * Math.PI * rng.NextDouble();
            y[2 * i] = centres[2 * g] + width / 20 * r * Math.Cos(a);
            y[2 * i + 1] = centres[2 * g + 1] + width / 20 * r * Math.Sin(a);
        }
        return y;
    }

    private static double ExactRepulsion(double[] y, int n, double[] rep)
    {
        double z = 0;
        for (int i = 0; i < n; i++)
        {
            double fx = 0, fy = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                z += w; fx += w * w * dx; fy += w * w * dy;
            }
            rep[2 * i] = fx; rep[2 * i + 1] = fy;
        }
        return z;
    }

    private static TsneGradient Gradient(TsneMethod method, int n) =>
        new(new TsneAffinities { N = n, RowPointers = new int[n + 1], Columns = [], Values = [] }, n, 2, method, 0.5);

    private static double RelativeError(double[] a, double[] b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += (a[i] - b[i]) * (a[i] - b[i]); den += b[i] * b[i]; }
        return Math.Sqrt(num / den);
    }

    [Theory]
    [InlineData(1500, 0.05)]   // the early-exaggeration phase: everything within a tiny square
    [InlineData(1500, 8.0)]
    [InlineData(2000, 60.0)]
    [InlineData(2000, 100.0)]
    public void InterpolatedRepulsionMatchesTheExactSums(int n, double width)
    {
        var y = Embedding(n, width, 3);
        var exact = new double[2 * n];
        double z = ExactRepulsion(y, n, exact);
        var fft = new double[2 * n];
        double zf = Gradient(TsneMethod.FftInterpolation, n).Repulsion(y, fft);
        var bh = new double[2 * n];
        double zb = Gradient(TsneMethod.BarnesHut, n).Repulsion(y, bh);
        double ef = RelativeError(fft, exact), eb = RelativeError(bh, exact);
        output.WriteLine($"n {n} width {width}: FFT force error {ef:E2}, Z error {Math.Abs(zf - z) / z:E2}; Barnes-Hut force error {eb:E2}, Z error {Math.Abs(zb - z) / z:E2}");
        // Boxes at most one unit wide with three nodes: about Barnes-Hut's (θ = 0.5) accuracy on wide maps, far better on narrow ones.
        Assert.True(ef < (width < 10 ? 1e-3 : 2.5e-2), $"force relative error {ef}");
        Assert.True(Math.Abs(zf - z) / z < (width < 10 ? 1e-5 : 5e-3), $"Z relative error {Math.Abs(zf - z) / z}");
    }

    [Theory]
    [InlineData(8)]    // narrower than a strip: the scalar path
    [InlineData(16)]   // even number of stages
    [InlineData(32)]   // odd number of stages
    [InlineData(64)]
    public void SquareFftMatchesTheDefinitionAndInverts(int m)
    {
        var rng = new Random(m);
        var re = new double[m * m]; var im = new double[m * m];
        int nonZero = m / 2;
        for (int r = 0; r < m; r++) for (int c = 0; c < nonZero; c++) { re[r * m + c] = rng.NextDouble() - 0.5; im[r * m + c] = rng.NextDouble() - 0.5; }
        var (r0, i0) = ((double[])re.Clone(), (double[])im.Clone());
        var fft = new SquareFft(m);
        fft.Forward2D(re, im, nonZero);
        double maxErr = 0;
        for (int k1 = 0; k1 < m; k1++)
            for (int k2 = 0; k2 < m; k2++)
            {
                double sr = 0, si = 0;
                for (int a = 0; a < m; a++)
                    for (int b = 0; b < m; b++)
                    {
                        double ang = -2 * Math.PI * ((double)k1 * a + (double)k2 * b) / m;
                        double x = r0[a * m + b], y = i0[a * m + b];
                        sr += x * Math.Cos(ang) - y * Math.Sin(ang); si += x * Math.Sin(ang) + y * Math.Cos(ang);
                    }
                // The spectrum comes back transposed: entry [k2, k1] holds frequency (k1 along rows, k2 along columns).
                maxErr = Math.Max(maxErr, Math.Abs(re[k2 * m + k1] - sr) + Math.Abs(im[k2 * m + k1] - si));
            }
        Assert.True(maxErr < 1e-10 * m * m, $"forward error {maxErr}");
        fft.Inverse2D(re, im, m);
        for (int q = 0; q < re.Length; q++)
        {
            Assert.Equal(r0[q], re[q] / (m * m), 1e-12);
            Assert.Equal(i0[q], im[q] / (m * m), 1e-12);
        }
    }

    [Fact]
    public void FftEmbeddingIsDeterministicAndAsTrustworthyAsBarnesHut()
    {
        // A shortened schedule on iris: the grid costs the same per iteration whatever n is, so full runs belong in the benchmark
        // (benchmarks/peers/clustering_peers.py compares FFT and Barnes–Hut trustworthiness with scikit-learn's).
        var data = ReferenceData.Load("iris");
        var a = new Tsne(method: TsneMethod.FftInterpolation, maxIterations: 400, seed: 3).Fit(data.X, data.N, data.D);
        var b = new Tsne(method: TsneMethod.FftInterpolation, maxIterations: 400, seed: 3).Fit(data.X, data.N, data.D);
        Assert.Equal(TsneMethod.FftInterpolation, a.MethodUsed);
        Assert.Equal(a.Embedding, b.Embedding);
        var bh = new Tsne(method: TsneMethod.BarnesHut, maxIterations: 400, seed: 3).Fit(data.X, data.N, data.D);
        double tf = Trustworthiness.Score(data.X, data.N, data.D, a.Embedding, 2, 10), tb = Trustworthiness.Score(data.X, data.N, data.D, bh.Embedding, 2, 10);
        output.WriteLine($"iris, 400 iterations: FFT trustworthiness {tf:F4}, KL {a.KlDivergence:F4}; Barnes-Hut {tb:F4}, KL {bh.KlDivergence:F4}");
        Assert.True(Math.Abs(tf - tb) < 0.01, $"FFT trustworthiness {tf} vs Barnes-Hut {tb}");
        Assert.InRange(a.KlDivergence, 0.9 * bh.KlDivergence, 1.1 * bh.KlDivergence);
    }

    [Fact]
    public void AutoPicksBarnesHutBelowTheThreshold()
    {
        var data = ReferenceData.Load("iris");
        var t = new Tsne(maxIterations: 250, seed: 0).Fit(data.X, data.N, data.D);
        Assert.Equal(TsneMethod.BarnesHut, t.MethodUsed);
        Assert.Equal(new Tsne(method: TsneMethod.BarnesHut, maxIterations: 250, seed: 0).Fit(data.X, data.N, data.D).Embedding, t.Embedding);
        Assert.Throws<ArgumentException>(() => new Tsne(3, method: TsneMethod.FftInterpolation).Fit(data.X, data.N, data.D));
    }
}
