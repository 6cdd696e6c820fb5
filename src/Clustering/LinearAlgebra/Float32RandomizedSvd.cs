using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Top-k SVD of a dense row-major float32 matrix by a randomized range finder whose panels stay float32.</summary>
/// <remarks>
/// Halko, Martinsson &amp; Tropp's scheme as scikit-learn runs it on float32 input: every product with the matrix is one
/// float32 GEMM over its row-major storage (A·Z and Aᵀ·Y, no transposed copy), the tall m×l panels are orthonormalised by
/// <see cref="Float32CholeskyQr"/>, the short d×l ones in float64; only B = QᵀA's small SVD and the result are float64.
/// </remarks>
public static class Float32RandomizedSvd
{
    /// <summary>Singular values (decreasing) and right singular vectors as rows (k×n), signed like scikit-learn's u-based <c>svd_flip</c>.</summary>
    public static (double[] SingularValues, double[] Vt) Compute(float[] a, int m, int n, int k, int oversamples, int powerIterations, int seed)
    {
        if (a.Length < (long)m * n) throw new ArgumentException($"matrix needs {(long)m * n} values, got {a.Length}", nameof(a));
        if (k < 1 || k > Math.Min(m, n)) throw new ArgumentOutOfRangeException(nameof(k), $"rank must be in [1, {Math.Min(m, n)}], got {k}");
        int l = Math.Min(k + oversamples, Math.Min(m, n));
        var z = new float[(long)n * l];
        var draws = new double[z.Length];
        new GaussianRandom(seed).Fill(draws);
        for (int i = 0; i < z.Length; i++) z[i] = (float)draws[i];
        // Every product overwrites its output, so the tall panels need not be zeroed first.
        var y = GC.AllocateUninitializedArray<float>(m * l);
        var scratch = GC.AllocateUninitializedArray<float>(m * l);
        for (int it = 0; it < powerIterations; it++)
        {
            Gemm.Multiply<float>(false, false, m, l, n, a, n, z, l, y, l);
            Float32CholeskyQr.Orthonormalize(y, m, l, scratch, orthonormal: false);
            Gemm.Multiply<float>(true, false, n, l, m, a, n, y, l, z, l);
            // The short side (n×l, n = the number of features) is cheap: float64 Gram–Schmidt, one pass.
            Float32CholeskyQr.GramSchmidtColumns(z, n, l, passes: 1);
        }
        Gemm.Multiply<float>(false, false, m, l, n, a, n, z, l, y, l);
        Float32CholeskyQr.Orthonormalize(y, m, l, scratch, orthonormal: true);
        // Bᵀ = AᵀQ (n×l); B itself (l×n, float64) is what the small SVD takes.
        Gemm.Multiply<float>(true, false, n, l, m, a, n, y, l, z, l);
        var b = new double[(long)l * n];
        for (int j = 0; j < n; j++)
            for (int p = 0; p < l; p++) b[(long)p * n + j] = z[(long)j * l + p];
        var small = SmallSvd.Of(b, l, n);
        var s = small.SingularValues.AsSpan(0, k).ToArray();
        var vt = small.Vt.AsSpan(0, k * n).ToArray();
        FlipSigns(y, m, l, small.U, k, vt, n);
        return (s, vt);
    }

    // u-based svd_flip: U = Q·U_b (m×k, float32 like scikit-learn's); each pair is signed so that the largest |U| entry
    // of its column (the first on ties) is positive.
    private static void FlipSigns(float[] q, int m, int l, double[] ub, int k, double[] vt, int n)
    {
        var ubk = new float[l * k];
        for (int p = 0; p < l; p++)
            for (int j = 0; j < k; j++) ubk[p * k + j] = (float)ub[p * l + j];
        var u = GC.AllocateUninitializedArray<float>(m * k);
        Gemm.Multiply<float>(false, false, m, k, l, q, l, ubk, k, u, k);
        var flip = SvdFlip.NegativeColumns(u, m, k);
        for (int j = 0; j < k; j++)
            if (flip[j]) for (int c = 0; c < n; c++) vt[j * n + c] = -vt[j * n + c];
    }

}
