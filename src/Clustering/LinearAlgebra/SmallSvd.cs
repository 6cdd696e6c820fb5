using System.Numerics.Tensors;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>SVD of a short matrix B (l×n, l small) through the eigen-decomposition of the l×l Gram matrix B·Bᵀ.</summary>
/// <remarks>Squaring halves the relative accuracy of the smallest singular values; only leading triplets are used.</remarks>
public sealed class SmallSvd
{
    private SmallSvd(double[] u, double[] s, double[] vt) { U = u; SingularValues = s; Vt = vt; }

    /// <summary>Left vectors, l×l row-major (column j is triplet j).</summary>
    public double[] U { get; }

    /// <summary>Singular values, decreasing.</summary>
    public double[] SingularValues { get; }

    /// <summary>Right vectors as rows, l×n; zero where the singular value is zero.</summary>
    public double[] Vt { get; }

    /// <summary>Decomposes B given row-major (l×n).</summary>
    public static SmallSvd Of(ReadOnlySpan<double> b, int l, int n)
    {
        var gram = new double[l * l];
        for (int i = 0; i < l; i++)
            for (int j = i; j < l; j++)
                gram[i * l + j] = gram[j * l + i] = TensorPrimitives.Dot(b.Slice(i * n, n), b.Slice(j * n, n));
        var eig = SymmetricEigen.Decompose(gram, l);
        var s = new double[l];
        var vt = new double[(long)l * n];
        for (int j = 0; j < l; j++)
        {
            s[j] = Math.Sqrt(Math.Max(eig.Values[j], 0));
            if (s[j] == 0) continue;
            var row = vt.AsSpan(j * n, n);
            for (int i = 0; i < l; i++) TensorPrimitives.MultiplyAdd(b.Slice(i * n, n), eig.Vectors[i * l + j] / s[j], row, row);
        }
        return new SmallSvd(eig.Vectors, s, vt);
    }
}
