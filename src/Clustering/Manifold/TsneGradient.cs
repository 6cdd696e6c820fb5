using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Manifold;

/// <summary>The t-SNE gradient 4·Σ (p_ij − q_ij)·(1 + ‖y_i − y_j‖²)⁻¹·(y_i − y_j), exact, or with Barnes–Hut or FFT-interpolated repulsion.</summary>
internal sealed class TsneGradient(TsneAffinities p, int n, int c, TsneMethod method, double theta)
{
    private const int Chunk = 256;
    private readonly QuadTree _tree = new();
    private readonly InterpolatedRepulsion? _grid = method == TsneMethod.FftInterpolation ? new InterpolatedRepulsion(n) : null;
    private readonly double[] _sumQ = new double[n];
    private readonly double[] _repulsion = new double[n * c];

    /// <summary>Writes the gradient into <paramref name="grad"/>; returns KL(P‖Q) when <paramref name="computeError"/> is set (else NaN).</summary>
    public double Compute(double[] y, double[] grad, bool computeError)
        => method == TsneMethod.Exact ? Exact(y, grad, computeError) : Sparse(y, grad, computeError);

    /// <summary>Σⱼ wᵢⱼ²(yᵢ − yⱼ) per point into <paramref name="repulsion"/> and Z = Σᵢ≠ⱼ wᵢⱼ, by the sparse method (tests compare it with the exact sums).</summary>
    internal double Repulsion(double[] y, double[] repulsion)
    {
        if (_grid is not null) return _grid.Compute(y, repulsion);
        _tree.Build(y, n);
        double theta2 = theta * theta;
        FixedChunks.For(n, Chunk, (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                _sumQ[i] = _tree.Repulsion(i, theta2, out double fx, out double fy);
                repulsion[2 * i] = fx; repulsion[2 * i + 1] = fy;
            }
        }, workPerItem: 2000);
        double sumQ = 0;
        for (int i = 0; i < n; i++) sumQ += _sumQ[i];
        return sumQ;
    }

    // Attraction over the sparse P plus the repulsion of the Barnes–Hut tree or the interpolation grid.
    private double Sparse(double[] y, double[] grad, bool computeError)
    {
        double sumQ = Repulsion(y, _repulsion);
        int chunks = FixedChunks.Count(n, Chunk);
        var errors = new double[chunks];
        FixedChunks.For(n, Chunk, (chunk, start, end) =>
        {
            double err = 0;
            for (int i = start; i < end; i++)
            {
                double ax = 0, ay = 0, yx = y[2 * i], yy = y[2 * i + 1];
                for (int q = p.RowPointers[i]; q < p.RowPointers[i + 1]; q++)
                {
                    int j = p.Columns[q];
                    double dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
                    double qij = 1.0 / (1.0 + dx * dx + dy * dy);
                    double pij = p.Values[q];
                    double m = pij * qij;
                    ax += m * dx; ay += m * dy;
                    // scikit-learn floors both at float32's smallest normal number.
                    if (computeError) err += pij * Math.Log(Math.Max(pij, FloatTiny) / Math.Max(qij / sumQ, FloatTiny));
                }
                grad[2 * i] = 4 * (ax - _repulsion[2 * i] / sumQ);
                grad[2 * i + 1] = 4 * (ay - _repulsion[2 * i + 1] / sumQ);
            }
            errors[chunk] = err;
        }, workPerItem: 200);
        if (!computeError) return double.NaN;
        double total = 0;
        foreach (double e in errors) total += e;
        return total;
    }

    private double Exact(double[] y, double[] grad, bool computeError)
    {
        // Dense P lives in the CSR arrays with every off-diagonal entry present.
        int chunks = FixedChunks.Count(n, Chunk);
        var partial = new double[chunks];
        FixedChunks.For(n, Chunk, (chunk, start, end) =>
        {
            double z = 0;
            for (int i = start; i < end; i++)
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    z += 1.0 / (1.0 + SquaredDistance(y, i, j));
                }
            partial[chunk] = z;
        }, workPerItem: (long)n * c);
        double sumQ = 0;
        foreach (double v in partial) sumQ += v;
        var errors = new double[chunks];
        FixedChunks.For(n, Chunk, (chunk, start, end) =>
        {
            double err = 0;
            Span<double> g = stackalloc double[c];
            for (int i = start; i < end; i++)
            {
                g.Clear();
                for (int q = p.RowPointers[i]; q < p.RowPointers[i + 1]; q++)
                {
                    int j = p.Columns[q];
                    double w = 1.0 / (1.0 + SquaredDistance(y, i, j));
                    double qij = Math.Max(w / sumQ, MachineEpsilon);
                    double pij = Math.Max(p.Values[q], MachineEpsilon);
                    double m = (pij - qij) * w;
                    for (int a = 0; a < c; a++) g[a] += m * (y[i * c + a] - y[j * c + a]);
                    if (computeError) err += pij * Math.Log(pij / qij);
                }
                for (int a = 0; a < c; a++) grad[i * c + a] = 4 * g[a];
            }
            errors[chunk] = err;
        }, workPerItem: (long)n * c);
        if (!computeError) return double.NaN;
        double total = 0;
        foreach (double e in errors) total += e;
        return total;
    }

    private const double MachineEpsilon = 2.220446049250313e-16;
    private const double FloatTiny = 1.1754943508222875e-38;

    private double SquaredDistance(double[] y, int i, int j)
    {
        double s = 0;
        for (int a = 0; a < c; a++) { double t = y[i * c + a] - y[j * c + a]; s += t * t; }
        return s;
    }
}
