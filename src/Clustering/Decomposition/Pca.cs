using System.Runtime.CompilerServices;
using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.LinearAlgebra;
using MusicCluster.Tensors.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

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
    public unsafe Pca Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d, minRows: 2);
        int maxRank = Math.Min(n, d);
        if (Components > maxRank) throw new ArgumentOutOfRangeException(nameof(components), $"{Components} components requested but min(n, d) = {maxRank}");
        Features = d;
        SolverUsed = solver != PcaSolver.Auto ? solver
            : Math.Max(n, d) <= 500 || Components >= 0.8 * maxRank || d <= FullSolverMaxColumns ? PcaSolver.Full : PcaSolver.Randomized;
        double totalVariance;
        fixed (float* px = x)
        {
            // The input is read in place through its address (no copy); parallel loops cannot capture a span.
            nint xp = (nint)px;
            var mean = ColumnSums(xp, n, d, null);
            for (int j = 0; j < d; j++) mean[j] /= n;
            Mean = mean;
            if (SolverUsed == PcaSolver.Full) totalVariance = FitFull(xp, n, d);
            else
            {
                // The centred copy is written by the same pass that sums the squared deviations (never zeroed first).
                var xc = GC.AllocateUninitializedArray<float>(n * d);
                var m2 = ColumnSums(xp, n, d, mean, xc);
                totalVariance = 0;
                for (int j = 0; j < d; j++) totalVariance += m2[j] / (n - 1);
                int iterations = Components < 0.1 * maxRank ? 7 : 4;
                (SingularValues, ComponentsMatrix) = Float32RandomizedSvd.Compute(xc, n, d, Components, 10, iterations, seed);
            }
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

    // Σ_i x_ij (or Σ_i (x_ij − mean_j)² when a mean is given, the deviations kept in centred if given), in parallel over fixed row blocks.
    private static unsafe double[] ColumnSums(nint xp, int n, int d, double[]? mean, float[]? centred = null)
    {
        const int block = 64, chunk = 4096;
        var meanF = mean is null ? null : Array.ConvertAll(mean, v => (float)v);
        int chunks = FixedChunks.Count(n, chunk);
        var partial = new double[chunks][];
        FixedChunks.For(n, chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c, start, end) =>
        {
            var xa = new ReadOnlySpan<float>((float*)xp + (long)start * d, (end - start) * d);
            var total = new double[d];
            var acc = new float[d];
            var scratch = new float[d];
            for (int b0 = 0; b0 < end - start; b0 += block)
            {
                Array.Clear(acc);
                for (int i = b0; i < Math.Min(end - start, b0 + block); i++)
                {
                    var row = xa.Slice(i * d, d);
                    if (meanF is null) TensorPrimitives.Add(acc, row, acc);
                    else
                    {
                        var dev = centred is null ? scratch.AsSpan() : centred.AsSpan((start + i) * d, d);
                        TensorPrimitives.Subtract(row, meanF, dev);
                        TensorPrimitives.MultiplyAdd(dev, dev, acc, acc);
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

    // Exact solver: float64 covariance, its eigen-decomposition, u-based sign flip. Returns the total variance (trace / (n − 1)).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe double FitFull(nint xp, int n, int d)
    {
        var cov = Covariance.Centred(xp, n, d, Mean);
        double trace = 0;
        for (int j = 0; j < d; j++) trace += cov[j * d + j];
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
        var proj = new float[(long)n * Components];
        Project(xp, n, d, proj);
        var flip = SvdFlip.NegativeColumns(proj, n, Components);
        for (int c = 0; c < Components; c++)
            if (flip[c]) for (int j = 0; j < d; j++) comps[c * d + j] = -comps[c * d + j];
        ComponentsMatrix = comps;
        SingularValues = sv;
        return trace / (n - 1);
    }

    /// <summary>Projects the n×d matrix onto the components: (x − mean)·Vᵀ, n×Components.</summary>
    public unsafe float[] Transform(ReadOnlySpan<float> x, int n, int d)
    {
        if (Features == 0) throw new InvalidOperationException("Pca is not fitted");
        if (d != Features) throw new ArgumentException($"fitted on {Features} columns, got {d}");
        MatrixInput.Check(x, n, d);
        var y = new float[(long)n * Components];
        fixed (float* px = x) Project((nint)px, n, d, y);
        return y;
    }

    // y = (x − mean)·Vᵀ over cache-sized row blocks, centred in float32 as scikit-learn does; each core takes a
    // contiguous range of blocks. Every row is computed the same way whatever the split, so results do not depend on it.
    private unsafe void Project(nint xp, int n, int d, float[] y)
    {
        int k = Components;
        var v = new float[k * d];
        for (int i = 0; i < v.Length; i++) v[i] = (float)ComponentsMatrix[i];
        var meanF = Array.ConvertAll(Mean, m => (float)m);
        int block = Math.Max(8, Math.Min(256, 16384 / d));
        int blocks = (n + block - 1) / block;
        int parts = (long)n * d * k < 1_000_000 ? 1 : Math.Min(Environment.ProcessorCount, blocks);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
        {
            var centred = new float[block * d];
            for (int b = (int)((long)blocks * part / parts); b < (int)((long)blocks * (part + 1) / parts); b++)
            {
                int start = b * block, r = Math.Min(block, n - start);
                var src = new ReadOnlySpan<float>((float*)xp + (long)start * d, r * d);
                for (int i = 0; i < r; i++) TensorPrimitives.Subtract(src.Slice(i * d, d), meanF, centred.AsSpan(i * d, d));
                Gemm.Multiply(false, true, r, k, d, centred.AsSpan(0, r * d), d, v, d, y.AsSpan(start * k, r * k), k);
            }
        });
    }

    /// <summary>Fits the components to the rows of an n×d tensor.</summary>
    public Pca Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Projects the rows of an n×d tensor: an n×Components tensor.</summary>
    public Tensor<float> Transform(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return TensorRows.Wrap(Transform(s, n, d), n, Components); }

    /// <summary>Fit then transform.</summary>
    public float[] FitTransform(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Transform(x, n, d);
}
