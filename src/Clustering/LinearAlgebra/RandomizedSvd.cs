namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Truncated SVD by a randomized range finder with power iterations (Halko, Martinsson &amp; Tropp 2011).</summary>
public sealed class RandomizedSvd
{
    private RandomizedSvd(double[] u, double[] s, double[] vt, int rows, int columns, int k)
    { U = u; SingularValues = s; Vt = vt; Rows = rows; Columns = columns; Rank = k; }

    /// <summary>Left singular vectors, Rows×Rank row-major.</summary>
    public double[] U { get; }

    /// <summary>Singular values, decreasing.</summary>
    public double[] SingularValues { get; }

    /// <summary>Right singular vectors as rows, Rank×Columns.</summary>
    public double[] Vt { get; }

    /// <summary>Rows of the decomposed matrix.</summary>
    public int Rows { get; }

    /// <summary>Columns of the decomposed matrix.</summary>
    public int Columns { get; }

    /// <summary>Number of singular triplets kept.</summary>
    public int Rank { get; }

    /// <summary>Top <paramref name="k"/> singular triplets of <paramref name="a"/>; signs follow <see cref="SvdFlip"/> (largest |U| entry positive).</summary>
    public static RandomizedSvd Compute(ILinearOperator a, int k, int oversamples = 10, int powerIterations = 5, int seed = 0)
    {
        int m = a.Rows, n = a.Columns;
        if (k < 1 || k > Math.Min(m, n)) throw new ArgumentOutOfRangeException(nameof(k), $"rank must be in [1, {Math.Min(m, n)}], got {k}");
        int l = Math.Min(k + oversamples, Math.Min(m, n));
        // Panels: l vectors of length n (omega, z) or m (q), each contiguous.
        var omega = new double[(long)l * n];
        new GaussianRandom(seed).Fill(omega);
        var q = new double[(long)l * m];
        var z = new double[(long)l * n];
        a.Apply(omega, l, q);
        var scratch = new double[(long)l * Math.Max(m, n)];
        Orthonormalize(q, l, m, powerIterations == 0 ? 2 : 1, scratch);
        for (int it = 0; it < powerIterations; it++)
        {
            a.ApplyTransposed(q, l, z);
            Orthonormalize(z, l, n, 1, scratch);
            a.Apply(z, l, q);
            Orthonormalize(q, l, m, it == powerIterations - 1 ? 2 : 1, scratch);
        }
        // B = Qᵀ A (l×n): its rows are Aᵀ q_p.
        a.ApplyTransposed(q, l, z);
        var small = SmallSvd.Of(z, l, n);
        var u = new double[(long)m * k];
        var s = new double[k];
        var vt = new double[(long)k * n];
        Array.Copy(small.SingularValues, s, k);
        Array.Copy(small.Vt, vt, (long)k * n);
        // U = Q·U_b: Q is stored as l panels of length m (Qᵀ row-major), U_b's first k columns (leading dimension l).
        MusicCluster.Tensors.Kernels.Gemm.Multiply<double>(true, false, m, k, l, q, m, small.U, l, u, k);
        SvdFlip.Apply(u, m, vt, n, k);
        return new RandomizedSvd(u, s, vt, m, n, k);
    }

    /// <summary>Long panels use Cholesky QR (a few GEMM passes over memory); short or ill-conditioned ones Gram–Schmidt.</summary>
    /// <remarks>Either way, one pass between power iterations (only the span matters there) and two for the final basis.</remarks>
    public const int CholeskyQrMinLength = 4096;

    private static void Orthonormalize(Span<double> panel, int count, int length, int passes, double[] scratch)
    {
        if (length >= CholeskyQrMinLength && length >= 4 * count && CholeskyQr.TryOrthonormalize(panel, count, length, scratch, passes)) return;
        GramSchmidt.Orthonormalize(panel, count, length, passes);
    }
}
