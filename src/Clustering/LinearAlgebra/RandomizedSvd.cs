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
        var omega = new double[n * l];
        new GaussianRandom(seed).Fill(omega);
        var q = new double[(long)m * l];
        var z = new double[n * l];
        a.Multiply(omega, l, q);
        GramSchmidt.Orthonormalize(q, m, l, passes: powerIterations == 0 ? 2 : 1);
        for (int it = 0; it < powerIterations; it++)
        {
            a.MultiplyTransposed(q, l, z);
            GramSchmidt.Orthonormalize(z, n, l, passes: 1);
            a.Multiply(z, l, q);
            GramSchmidt.Orthonormalize(q, m, l, passes: it == powerIterations - 1 ? 2 : 1);
        }
        // B = Qᵀ A (l×n), obtained as (Aᵀ Q)ᵀ.
        a.MultiplyTransposed(q, l, z);
        var small = SmallSvd.OfTransposed(z, n, l);
        var u = new double[(long)m * k];
        var s = new double[k];
        var vt = new double[k * n];
        for (int j = 0; j < k; j++)
        {
            s[j] = small.SingularValues[j];
            for (int c = 0; c < n; c++) vt[j * n + c] = small.V[c * l + j];
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
            {
                double sum = 0;
                for (int p = 0; p < l; p++) sum += q[(long)i * l + p] * small.U[p * l + j];
                u[(long)i * k + j] = sum;
            }
        SvdFlip.Apply(u, m, vt, n, k);
        return new RandomizedSvd(u, s, vt, m, n, k);
    }
}
