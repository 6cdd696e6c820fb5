using MusicCluster.Clustering.Common;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Orthonormalises the l columns of a tall row-major float32 matrix (m×l) by Cholesky QR on float32 GEMMs.</summary>
/// <remarks>
/// The Gram matrix is summed in float64 over fixed blocks of rows (each block a float32 GEMM), so its error stays near
/// float32's ε whatever m is; the factor and its inverse are float64, applied back as one float32 GEMM. A Gram matrix
/// too ill-conditioned to factor is shifted (span kept, orthogonality restored by the following passes); where even
/// that fails, the columns go through float64 Gram–Schmidt, which zeroes dependent ones.
/// </remarks>
public static class Float32CholeskyQr
{
    /// <summary>Rows per float32 partial Gram matrix: a float32 sum never runs over more than this many products, and
    /// one block's GEMM (l² × 2048 multiply-adds for l ≤ 31) stays below the size at which GEMM itself forks threads.</summary>
    private const int GramBlockRows = 2048;

    /// <summary>A pivot below this share of its diagonal entry is float32 rounding, not signal.</summary>
    private const double MinRelativePivot = 1e-5;

    /// <summary>Shift added to the diagonal, relative to its largest entry, when the Gram matrix does not factor.</summary>
    private const double RelativeShift = 1e-5;

    /// <summary>
    /// Replaces the columns of <paramref name="y"/> (m×l) by a basis of their span: well conditioned after one pass
    /// (<paramref name="orthonormal"/> false, enough between power iterations), orthonormal to float32 precision otherwise.
    /// <paramref name="scratch"/> holds m×l values and is overwritten.
    /// </summary>
    public static void Orthonormalize(float[] y, int m, int l, float[] scratch, bool orthonormal)
    {
        if (y.Length < (long)m * l || scratch.Length < (long)m * l) throw new ArgumentException($"panels need {(long)m * l} values");
        var gram = new double[l * l];
        var inverse = new double[l * l];
        var inverseF = new float[l * l];
        int passes = orthonormal ? 2 : 1;
        for (int pass = 0; pass < passes; pass++)
        {
            Gram(y, m, l, gram);
            if (!CholeskyQr.InverseCholeskyFactor(gram, l, inverse, MinRelativePivot))
            {
                // A shifted factor still spans the same space; two more plain passes then make the basis orthonormal.
                double shift = 0;
                for (int j = 0; j < l; j++) shift = Math.Max(shift, gram[j * l + j]);
                for (int j = 0; j < l; j++) gram[j * l + j] += RelativeShift * shift;
                if (shift == 0 || !CholeskyQr.InverseCholeskyFactor(gram, l, inverse, 0) || pass > 0)
                {
                    GramSchmidtColumns(y, m, l, passes: 2);
                    return;
                }
                if (orthonormal) passes = 3;
            }
            for (int i = 0; i < inverseF.Length; i++) inverseF[i] = (float)inverse[i];
            // Y·L⁻ᵀ: row i of the result is L⁻¹ applied to row i of Y.
            Gemm.Multiply<float>(false, true, m, l, l, y, l, inverseF, l, scratch, l);
            Array.Copy(scratch, y, (long)m * l);
        }
    }

    /// <summary>YᵀY in float64, as a sum over fixed row blocks of float32 GEMMs (the same sum on any number of cores).</summary>
    /// <remarks>Each block's product is small enough to run on one thread, so the blocks themselves are spread over the
    /// cores: one fork and join per Gram matrix, their partials added in block order.</remarks>
    internal static void Gram(float[] y, int m, int l, double[] gram)
    {
        int blocks = FixedChunks.Count(m, GramBlockRows);
        var partials = new float[blocks * l * l];
        FixedChunks.For(m, GramBlockRows, (b, start, end) =>
        {
            var block = y.AsSpan(start * l, (end - start) * l);
            Gemm.Multiply<float>(true, false, l, l, end - start, block, l, block, l, partials.AsSpan(b * l * l, l * l), l);
        }, workPerItem: (long)l * l);
        Array.Clear(gram);
        for (int b = 0; b < blocks; b++)
            for (int i = 0; i < l * l; i++) gram[i] += partials[b * l * l + i];
    }

    /// <summary>The columns of the row-major m×l <paramref name="y"/> through float64 <see cref="GramSchmidt"/> (dependent ones become zero).</summary>
    internal static void GramSchmidtColumns(float[] y, int m, int l, int passes)
    {
        var panel = new double[(long)l * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < l; j++) panel[(long)j * m + i] = y[(long)i * l + j];
        GramSchmidt.Orthonormalize(panel, l, m, passes);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < l; j++) y[(long)i * l + j] = (float)panel[(long)j * m + i];
    }
}
