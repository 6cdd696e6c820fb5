namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Eigen-decomposition of a small dense symmetric matrix: Householder tridiagonalisation, then implicit QL (float64).</summary>
/// <remarks>
/// About 9n³ flops in total, where cyclic Jacobi needed that per sweep (a 128×128 covariance went from ~40 ms to a few);
/// both are backward stable. The QL rotations act on rows of the transposed eigenvector matrix, so they stream through memory.
/// </remarks>
public sealed class SymmetricEigen
{
    private SymmetricEigen(double[] values, double[] vectors, int n) { Values = values; Vectors = vectors; Size = n; }

    /// <summary>Eigenvalues in decreasing order.</summary>
    public double[] Values { get; }

    /// <summary>Eigenvectors as the columns of a row-major n×n matrix, in the order of <see cref="Values"/>.</summary>
    public double[] Vectors { get; }

    /// <summary>Matrix order n.</summary>
    public int Size { get; }

    /// <summary>Component i of eigenvector j.</summary>
    public double Vector(int j, int i) => Vectors[i * Size + j];

    /// <summary>Decomposes the symmetric n×n matrix <paramref name="matrix"/> (row-major; only read).</summary>
    public static SymmetricEigen Decompose(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length != n * n) throw new ArgumentException($"expected {n}×{n} values, got {matrix.Length}");
        var v = matrix.ToArray();
        var diag = new double[n];
        var off = new double[n];
        Tridiagonalize(v, n, diag, off);
        // QL works on the transpose: eigenvector j becomes row j, contiguous.
        var w = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) w[j * n + i] = v[i * n + j];
        ImplicitQl(w, n, diag, off);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        // Stable descending sort by eigenvalue keeps the result deterministic for repeated eigenvalues.
        Array.Sort(order, (x, y) => diag[y].CompareTo(diag[x]) != 0 ? diag[y].CompareTo(diag[x]) : x.CompareTo(y));
        var values = new double[n];
        var vectors = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            values[j] = diag[order[j]];
            var row = w.AsSpan(order[j] * n, n);
            for (int i = 0; i < n; i++) vectors[i * n + j] = row[i];
        }
        return new SymmetricEigen(values, vectors, n);
    }

    // Householder reduction to tridiagonal form (d: diagonal, e[i]: entry (i, i−1)); v becomes the orthogonal Q with A = Q T Qᵀ.
    private static void Tridiagonalize(double[] v, int n, double[] d, double[] e)
    {
        for (int j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
        for (int i = n - 1; i > 0; i--)
        {
            double scale = 0, h = 0;
            for (int k = 0; k < i; k++) scale += Math.Abs(d[k]);
            if (scale == 0)
            {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) { d[j] = v[(i - 1) * n + j]; v[i * n + j] = 0; v[j * n + i] = 0; }
            }
            else
            {
                for (int k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
                double f = d[i - 1];
                double g = f > 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                Array.Clear(e, 0, i);
                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k < i; k++) { g += v[k * n + j] * d[k]; e[k] += v[k * n + j] * f; }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) e[j] -= hh * d[j];
                for (int j = 0; j < i; j++)
                {
                    f = d[j]; g = e[j];
                    for (int k = j; k < i; k++) v[k * n + j] -= f * e[k] + g * d[k];
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                }
            }
            d[i] = h;
        }
        // Accumulate the reflections into Q.
        for (int i = 0; i < n - 1; i++)
        {
            v[(n - 1) * n + i] = v[i * n + i];
            v[i * n + i] = 1;
            double h = d[i + 1];
            if (h != 0)
            {
                for (int k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
                for (int j = 0; j <= i; j++)
                {
                    double g = 0;
                    for (int k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
                    for (int k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
                }
            }
            for (int k = 0; k <= i; k++) v[k * n + i + 1] = 0;
        }
        for (int j = 0; j < n; j++) { d[j] = v[(n - 1) * n + j]; v[(n - 1) * n + j] = 0; }
        v[(n - 1) * n + n - 1] = 1;
        e[0] = 0;
    }

    // Implicit QL with Wilkinson-like shifts on the tridiagonal (d, e); w holds Qᵀ and receives the eigenvectors as rows.
    private static void ImplicitQl(double[] w, int n, double[] d, double[] e)
    {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        double f = 0, tst1 = 0;
        const double eps = 2.220446049250313e-16;
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1) m++;
            if (m > l)
            {
                // 30 sweeps per eigenvalue is far beyond what converging input needs; the cap only rules out a hang.
                for (int iter = 0; iter < 30 * n && Math.Abs(e[l]) > eps * tst1; iter++)
                {
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0, el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2; c2 = c; s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        Rotate(w.AsSpan(i * n, n), w.AsSpan((i + 1) * n, n), c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    // (lo, hi) ← (c·lo − s·hi, s·lo + c·hi), with hi the vector of index i+1.
    private static void Rotate(Span<double> lo, Span<double> hi, double c, double s)
    {
        for (int k = 0; k < lo.Length; k++)
        {
            double a = lo[k], b = hi[k];
            hi[k] = s * a + c * b;
            lo[k] = c * a - s * b;
        }
    }

    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double r = y / x;
        return x * Math.Sqrt(1 + r * r);
    }
}
