using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Orthonormalises a panel of long vectors (l×length, each vector contiguous) by Cholesky QR, twice (CholQR2).</summary>
/// <remarks>
/// Two GEMMs per pass (Gram matrix, then L⁻¹·Q) read the panel a few times, where Gram–Schmidt reads it l²/2 times: for
/// long vectors it is memory traffic that costs. One pass is accurate to about κ²·ε, the second restores working
/// precision; a panel too ill-conditioned for that is refused (the caller falls back to <see cref="GramSchmidt"/>).
/// </remarks>
public static class CholeskyQr
{
    /// <summary>Relative pivot below which the Gram matrix counts as singular (κ² ≳ 10¹⁰).</summary>
    private const double MinRelativePivot = 1e-10;

    /// <summary>
    /// Replaces the vectors by an orthonormal basis of their span; false (panel left as it was) when it is too ill-conditioned.
    /// <paramref name="scratch"/> holds at least count×length values and is overwritten.
    /// </summary>
    /// <remarks>One pass (<paramref name="passes"/> = 1) leaves Q orthogonal only to about κ²·ε: enough between power iterations, where only the span matters.</remarks>
    public static bool TryOrthonormalize(Span<double> panel, int count, int length, Span<double> scratch, int passes = 2)
    {
        if (scratch.Length < (long)count * length) throw new ArgumentException($"scratch needs {(long)count * length} values, got {scratch.Length}", nameof(scratch));
        var q = panel.Slice(0, count * length);
        var w = scratch.Slice(0, count * length);
        var gram = new double[count * count];
        var inverse = new double[count * count];
        // Pass 1 writes L⁻¹Q into the scratch, pass 2 back into the panel, so a refusal leaves the panel unchanged.
        Gemm.Multiply(false, true, count, count, length, q, length, q, length, gram, count);
        if (!InverseCholeskyFactor(gram, count, inverse)) return false;
        Gemm.Multiply(false, false, count, length, count, inverse, count, q, length, w, length);
        if (passes < 2) { w.CopyTo(q); return true; }
        Gemm.Multiply(false, true, count, count, length, w, length, w, length, gram, count);
        if (!InverseCholeskyFactor(gram, count, inverse)) return false;
        Gemm.Multiply(false, false, count, length, count, inverse, count, w, length, q, length);
        return true;
    }

    // L⁻¹ for the Cholesky factor L of the symmetric positive definite g (row-major, lower triangle written).
    internal static bool InverseCholeskyFactor(double[] g, int n, double[] inverse, double minRelativePivot = MinRelativePivot)
    {
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double d = g[j * n + j];
            for (int k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
            if (!(d > minRelativePivot * g[j * n + j])) return false;
            double ljj = Math.Sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = g[i * n + j];
                for (int k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = s / ljj;
            }
        }
        Array.Clear(inverse);
        // Forward substitution, one column of the identity at a time.
        for (int c = 0; c < n; c++)
        {
            for (int i = c; i < n; i++)
            {
                double s = i == c ? 1 : 0;
                for (int k = c; k < i; k++) s -= l[i * n + k] * inverse[k * n + c];
                inverse[i * n + c] = s / l[i * n + i];
            }
        }
        return true;
    }
}
