namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Eigen-decomposition of a small dense symmetric matrix (cyclic Jacobi rotations, float64).</summary>
/// <remarks>Jacobi is slower than tridiagonal QR but simple and accurate to full relative precision; the matrices here are d×d or l×l with d, l in the hundreds.</remarks>
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
        var a = matrix.ToArray();
        var v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        double scale = 0;
        foreach (double t in a) scale += t * t;
        for (int sweep = 0; sweep < 64; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
            if (off <= 1e-30 * scale || off == 0) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (apq == 0) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    a[p * n + q] = a[q * n + p] = 0;
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
        }
        var order = new int[n];
        var diag = new double[n];
        for (int i = 0; i < n; i++) { order[i] = i; diag[i] = a[i * n + i]; }
        // Stable descending sort by eigenvalue keeps the result deterministic for repeated eigenvalues.
        Array.Sort(order, (x, y) => diag[y].CompareTo(diag[x]) != 0 ? diag[y].CompareTo(diag[x]) : x.CompareTo(y));
        var values = new double[n];
        var vectors = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            values[j] = diag[order[j]];
            for (int i = 0; i < n; i++) vectors[i * n + j] = v[i * n + order[j]];
        }
        return new SymmetricEigen(values, vectors, n);
    }
}
