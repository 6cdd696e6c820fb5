using MusicCluster.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Preprocessing;

/// <summary>Centres each column to mean 0 and scales it to unit (population) standard deviation, like scikit-learn's StandardScaler.</summary>
public sealed class StandardScaler
{
    /// <summary>Column means (float64).</summary>
    public double[] Mean { get; private set; } = [];

    /// <summary>Column standard deviations (ddof = 0); 1 for constant columns so they map to 0 rather than NaN.</summary>
    public double[] Scale { get; private set; } = [];

    /// <summary>Learns column means and deviations from the n×d matrix.</summary>
    public StandardScaler Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        var mean = new double[d];
        var m2 = new double[d];
        // Two passes in float64: exact enough for any float32 input and cheap next to what follows.
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double t = x[i * d + j] - mean[j]; m2[j] += t * t; }
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double s = Math.Sqrt(m2[j] / n);
            scale[j] = s < 10 * double.Epsilon * Math.Max(1, Math.Abs(mean[j])) ? 1.0 : s;
        }
        Mean = mean; Scale = scale;
        return this;
    }

    /// <summary>A fitted scaler from saved column means and deviations (every deviation positive).</summary>
    public static StandardScaler FromStatistics(double[] mean, double[] scale)
    {
        if (mean.Length == 0 || mean.Length != scale.Length) throw new ArgumentException($"{mean.Length} means but {scale.Length} deviations");
        foreach (double s in scale) if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentException($"a deviation is {s}; each must be positive and finite");
        foreach (double m in mean) if (!double.IsFinite(m)) throw new ArgumentException($"a mean is {m}; each must be finite");
        return new StandardScaler { Mean = (double[])mean.Clone(), Scale = (double[])scale.Clone() };
    }

    /// <summary>Standardises the n×d matrix with the fitted statistics.</summary>
    public float[] Transform(ReadOnlySpan<float> x, int n, int d)
    {
        if (Mean.Length == 0) throw new InvalidOperationException("StandardScaler is not fitted");
        if (d != Mean.Length) throw new ArgumentException($"fitted on {Mean.Length} columns, got {d}");
        MatrixInput.Check(x, n, d);
        var y = new float[x.Length];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) y[i * d + j] = (float)((x[i * d + j] - Mean[j]) / Scale[j]);
        return y;
    }

    /// <summary>Learns column statistics from an n×d tensor.</summary>
    public StandardScaler Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    /// <summary>Standardises an n×d tensor.</summary>
    public Tensor<float> Transform(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return TensorRows.Wrap(Transform(s, n, d), n, d); }

    /// <summary>Fit then transform.</summary>
    public float[] FitTransform(ReadOnlySpan<float> x, int n, int d) => Fit(x, n, d).Transform(x, n, d);
}
