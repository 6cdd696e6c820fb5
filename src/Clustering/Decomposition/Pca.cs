using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.LinearAlgebra;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.Decomposition;

/// <summary>Principal component analysis with scikit-learn's conventions (centred data, ddof = 1 variances, u-based sign flip).</summary>
public sealed class Pca(int components, PcaSolver solver = PcaSolver.Auto, int seed = 0)
{
    /// <summary>Number of components kept.</summary>
    public int Components { get; } = components > 0 ? components : throw new ArgumentOutOfRangeException(nameof(components), "need at least one component");

    /// <summary>Column means of the training data.</summary>
    public double[] Mean { get; private set; } = [];

    /// <summary>Principal axes as rows, Components×d (float64).</summary>
    public double[] ComponentsMatrix { get; private set; } = [];

    /// <summary>Variance along each component (ddof = 1).</summary>
    public double[] ExplainedVariance { get; private set; } = [];

    /// <summary>Fraction of the total variance along each component.</summary>
    public double[] ExplainedVarianceRatio { get; private set; } = [];

    /// <summary>Singular values of the centred data.</summary>
    public double[] SingularValues { get; private set; } = [];

    /// <summary>Solver actually used (Auto resolved).</summary>
    public PcaSolver SolverUsed { get; private set; }

    /// <summary>Number of input columns seen by Fit.</summary>
    public int Features { get; private set; }

    /// <summary>Fits the components to the n×d matrix.</summary>
    public Pca Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d, minRows: 2);
        int maxRank = Math.Min(n, d);
        if (Components > maxRank) throw new ArgumentOutOfRangeException(nameof(components), $"{Components} components requested but min(n, d) = {maxRank}");
        Features = d;
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        Mean = mean;
        // Row-major traversal: one pass of squared deviations per row, summed per column.
        var m2 = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            for (int j = 0; j < d; j++) { double t = row[j] - mean[j]; m2[j] += t * t; }
        }
        double totalVariance = 0;
        for (int j = 0; j < d; j++) totalVariance += m2[j] / (n - 1);
        SolverUsed = solver != PcaSolver.Auto ? solver
            : Math.Max(n, d) <= 500 || Components >= 0.8 * maxRank ? PcaSolver.Full : PcaSolver.Randomized;
        if (SolverUsed == PcaSolver.Full) FitFull(x, n, d);
        else
        {
            var xc = new float[x.Length];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xc[i * d + j] = (float)(x[i * d + j] - mean[j]);
            int iterations = Components < 0.1 * maxRank ? 7 : 4;
            var svd = RandomizedSvd.Compute(new DenseOperator(xc, n, d), Components, 10, iterations, seed);
            ComponentsMatrix = svd.Vt;
            SingularValues = svd.SingularValues;
        }
        ExplainedVariance = new double[Components];
        ExplainedVarianceRatio = new double[Components];
        for (int c = 0; c < Components; c++)
        {
            ExplainedVariance[c] = SingularValues[c] * SingularValues[c] / (n - 1);
            ExplainedVarianceRatio[c] = totalVariance > 0 ? ExplainedVariance[c] / totalVariance : 0;
        }
        return this;
    }

    private void FitFull(ReadOnlySpan<float> x, int n, int d)
    {
        // Covariance in float64: centre each row chunk from the float32 input and accumulate XᵀX through the GEMM kernel.
        const int chunk = 512;
        var cov = new double[d * d];
        var block = new double[chunk * d];
        for (int start = 0; start < n; start += chunk)
        {
            int r = Math.Min(chunk, n - start);
            for (int i = 0; i < r; i++) for (int j = 0; j < d; j++) block[i * d + j] = x[(start + i) * d + j] - Mean[j];
            Gemm.Multiply(true, false, d, d, r, block, d, block, d, cov, d, accumulate: start > 0);
        }
        var eig = SymmetricEigen.Decompose(cov, d);
        var comps = new double[Components * d];
        var sv = new double[Components];
        for (int c = 0; c < Components; c++)
        {
            sv[c] = Math.Sqrt(Math.Max(eig.Values[c], 0));
            for (int j = 0; j < d; j++) comps[c * d + j] = eig.Vector(c, j);
        }
        // u-based sign flip: the sample with the largest |projection| gets a positive one.
        for (int c = 0; c < Components; c++)
        {
            double best = -1, sign = 1;
            for (int i = 0; i < n; i++)
            {
                double p = 0;
                for (int j = 0; j < d; j++) p += (x[i * d + j] - Mean[j]) * comps[c * d + j];
                if (Math.Abs(p) > best) { best = Math.Abs(p); sign = p >= 0 ? 1 : -1; }
            }
            if (sign < 0) for (int j = 0; j < d; j++) comps[c * d + j] = -comps[c * d + j];
        }
        ComponentsMatrix = comps;
        SingularValues = sv;
    }

    /// <summary>Projects the n×d matrix onto the components: (x − mean)·Vᵀ, n×Components.</summary>
    public float[] Transform(ReadOnlySpan<float> x, int n, int d)
    {
        if (Features == 0) throw new InvalidOperationException("Pca is not fitted");
        if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        MatrixInput.Check(x, n, d);
        var y = new float[(long)n * Components];
        var v = new float[Components * d];
        for (int i = 0; i < v.Length; i++) v[i] = (float)ComponentsMatrix[i];
        const int chunk = 4096;
        var xa = x.ToArray();
        FixedChunks.For(n, chunk, (_, start, end) =>
        {
            int r = end - start;
            var block = new float[r * d];
            for (int i = 0; i < r; i++) for (int j = 0; j < d; j++) block[i * d + j] = (float)(xa[(start + i) * d + j] - Mean[j]);
            Gemm.Multiply(false, true, r, Components, d, block, d, v, d, y.AsSpan(start * Components, r * Components), Components);
        }, workPerItem: (long)d * Components);
        return y;
    }

    /// <summary>Fits the components to the rows of an n×d tensor.</summary>
    public Pca Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Projects the rows of an n×d tensor: an n×Components tensor.</summary>
    public Tensor<float> Transform(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return TensorRows.Wrap(Transform(s, n, d), n, Components); }

    /// <summary>Fit then transform.</summary>
    public float[] FitTransform(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Transform(x, n, d);
}
