using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.LinearAlgebra;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.Decomposition;

/// <summary>Principal component analysis with scikit-learn's conventions (centred data, ddof = 1 variances, u-based sign flip).</summary>
public sealed class Pca(int components, PcaSolver solver = PcaSolver.Auto, int seed = 0)
{
    /// <summary>Auto uses the exact covariance solver up to this many columns whatever n is: a d×d covariance is cheap there and exact.</summary>
    public const int FullSolverMaxColumns = 256;

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
        // Column sums and squared deviations: float32 SIMD sums over fixed 64-row blocks, combined in float64 in block order.
        var xa = x.ToArray();
        var mean = ColumnSums(xa, n, d, null);
        for (int j = 0; j < d; j++) mean[j] /= n;
        Mean = mean;
        var m2 = ColumnSums(xa, n, d, mean);
        double totalVariance = 0;
        for (int j = 0; j < d; j++) totalVariance += m2[j] / (n - 1);
        SolverUsed = solver != PcaSolver.Auto ? solver
            : Math.Max(n, d) <= 500 || Components >= 0.8 * maxRank || d <= FullSolverMaxColumns ? PcaSolver.Full : PcaSolver.Randomized;
        if (SolverUsed == PcaSolver.Full) FitFull(x, n, d);
        else
        {
            var xc = new float[xa.Length];
            var meanF = Array.ConvertAll(mean, v => (float)v);
            for (int i = 0; i < n; i++) System.Numerics.Tensors.TensorPrimitives.Subtract(xa.AsSpan(i * d, d), meanF, xc.AsSpan(i * d, d));
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

    // Σ_i x_ij (or Σ_i (x_ij − mean_j)² when a mean is given), in parallel over fixed row blocks.
    private static double[] ColumnSums(float[] xa, int n, int d, double[]? mean)
    {
        const int block = 64, chunk = 4096;
        var meanF = mean is null ? null : Array.ConvertAll(mean, v => (float)v);
        int chunks = FixedChunks.Count(n, chunk);
        var partial = new double[chunks][];
        FixedChunks.For(n, chunk, (c, start, end) =>
        {
            var total = new double[d];
            var acc = new float[d];
            var dev = new float[d];
            for (int b0 = start; b0 < end; b0 += block)
            {
                Array.Clear(acc);
                for (int i = b0; i < Math.Min(end, b0 + block); i++)
                {
                    var row = xa.AsSpan(i * d, d);
                    if (meanF is null) System.Numerics.Tensors.TensorPrimitives.Add(acc, row, acc);
                    else
                    {
                        System.Numerics.Tensors.TensorPrimitives.Subtract(row, meanF, dev);
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dev, dev, acc, acc);
                    }
                }
                for (int j = 0; j < d; j++) total[j] += acc[j];
            }
            partial[c] = total;
        }, workPerItem: d);
        var sums = new double[d];
        foreach (var p in partial) for (int j = 0; j < d; j++) sums[j] += p[j];
        return sums;
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
        // u-based sign flip: the sample with the largest |projection| gets a positive one (first such sample on ties).
        ComponentsMatrix = comps;
        var proj = Transform(x, n, d);
        for (int c = 0; c < Components; c++)
        {
            double best = -1, sign = 1;
            for (int i = 0; i < n; i++)
            {
                double p = proj[(long)i * Components + c];
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
        var meanF = Array.ConvertAll(Mean, m => (float)m);
        FixedChunks.For(n, chunk, (_, start, end) =>
        {
            int r = end - start;
            var block = new float[r * d];
            for (int i = 0; i < r; i++) System.Numerics.Tensors.TensorPrimitives.Subtract(xa.AsSpan((start + i) * d, d), meanF, block.AsSpan(i * d, d));
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
