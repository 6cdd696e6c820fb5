using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Clustering.LinearAlgebra;
using MusicCluster.Tensors.Sparse;

namespace MusicCluster.Clustering.Decomposition;

/// <summary>Randomized truncated SVD without centring (latent semantic analysis), on dense or CSR input, like scikit-learn's TruncatedSVD.</summary>
public sealed class TruncatedSvd(int components, int powerIterations = 5, int oversamples = 10, int seed = 0)
{
    /// <summary>Number of components kept.</summary>
    public int Components { get; } = components > 0 ? components : throw new ArgumentOutOfRangeException(nameof(components), "need at least one component");

    /// <summary>Right singular vectors as rows, Components×d.</summary>
    public double[] ComponentsMatrix { get; private set; } = [];

    /// <summary>Singular values, decreasing.</summary>
    public double[] SingularValues { get; private set; } = [];

    /// <summary>Variance of each transformed column (ddof = 0).</summary>
    public double[] ExplainedVariance { get; private set; } = [];

    /// <summary>ExplainedVariance over the total column variance of the input.</summary>
    public double[] ExplainedVarianceRatio { get; private set; } = [];

    /// <summary>The training data projected: U·Σ, n×Components.</summary>
    public float[] Embedding { get; private set; } = [];

    /// <summary>Fits on a CSR matrix.</summary>
    public TruncatedSvd Fit(CsrMatrix x)
    {
        var (mean, sq) = (new double[x.Columns], new double[x.Columns]);
        for (int p = 0; p < x.NonZeros; p++) { mean[x.ColumnIndices[p]] += x.Values[p]; sq[x.ColumnIndices[p]] += (double)x.Values[p] * x.Values[p]; }
        return Fit(new SparseOperator(x), Variance(mean, sq, x.Rows));
    }

    /// <summary>Fits on a dense n×d matrix.</summary>
    public TruncatedSvd Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        var (mean, sq) = (new double[d], new double[d]);
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double v = x[i * d + j]; mean[j] += v; sq[j] += v * v; }
        return Fit(new DenseOperator(x.ToArray(), n, d), Variance(mean, sq, n));
    }

    /// <summary>Fits on the rows of a dense n×d tensor.</summary>
    public TruncatedSvd Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    private static double Variance(double[] sum, double[] sq, int n)
    {
        double total = 0;
        for (int j = 0; j < sum.Length; j++) { double m = sum[j] / n; total += Math.Max(sq[j] / n - m * m, 0); }
        return total;
    }

    private TruncatedSvd Fit(ILinearOperator a, double totalVariance)
    {
        if (Components > Math.Min(a.Rows, a.Columns))
            throw new ArgumentOutOfRangeException(nameof(components), $"{Components} components requested but min(n, d) = {Math.Min(a.Rows, a.Columns)}");
        var svd = RandomizedSvd.Compute(a, Components, oversamples, powerIterations, seed);
        ComponentsMatrix = svd.Vt;
        SingularValues = svd.SingularValues;
        int n = a.Rows, k = Components;
        var emb = new float[(long)n * k];
        ExplainedVariance = new double[k];
        ExplainedVarianceRatio = new double[k];
        for (int j = 0; j < k; j++)
        {
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++)
            {
                double v = svd.U[(long)i * k + j] * svd.SingularValues[j];
                emb[(long)i * k + j] = (float)v;
                s += v; s2 += v * v;
            }
            double m = s / n;
            ExplainedVariance[j] = s2 / n - m * m;
            ExplainedVarianceRatio[j] = totalVariance > 0 ? ExplainedVariance[j] / totalVariance : 0;
        }
        Embedding = emb;
        return this;
    }
}
