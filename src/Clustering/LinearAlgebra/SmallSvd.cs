namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>SVD of a short matrix B (l×n, l small) through the eigen-decomposition of the l×l Gram matrix B·Bᵀ.</summary>
/// <remarks>Squaring halves the relative accuracy of the smallest singular values; only leading triplets are used.</remarks>
public sealed class SmallSvd
{
    private SmallSvd(double[] u, double[] s, double[] v) { U = u; SingularValues = s; V = v; }

    /// <summary>Left vectors, l×l row-major (column j is triplet j).</summary>
    public double[] U { get; }

    /// <summary>Singular values, decreasing.</summary>
    public double[] SingularValues { get; }

    /// <summary>Right vectors, n×l row-major (column j is triplet j); zero where the singular value is zero.</summary>
    public double[] V { get; }

    /// <summary>Decomposes B given as its transpose <paramref name="bt"/> (n×l row-major).</summary>
    public static SmallSvd OfTransposed(ReadOnlySpan<double> bt, int n, int l)
    {
        var gram = new double[l * l];
        for (int r = 0; r < n; r++)
        {
            var row = bt.Slice(r * l, l);
            for (int i = 0; i < l; i++)
            {
                double bi = row[i];
                if (bi == 0) continue;
                for (int j = 0; j < l; j++) gram[i * l + j] += bi * row[j];
            }
        }
        var eig = SymmetricEigen.Decompose(gram, l);
        var s = new double[l];
        var v = new double[n * l];
        for (int j = 0; j < l; j++)
        {
            s[j] = Math.Sqrt(Math.Max(eig.Values[j], 0));
            if (s[j] == 0) continue;
            for (int r = 0; r < n; r++)
            {
                double sum = 0;
                for (int i = 0; i < l; i++) sum += bt[r * l + i] * eig.Vectors[i * l + j];
                v[r * l + j] = sum / s[j];
            }
        }
        return new SmallSvd(eig.Vectors, s, v);
    }
}
