namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Orthonormalises the columns of a tall row-major matrix (the Q of a thin QR), in float64.</summary>
/// <remarks>Modified Gram–Schmidt applied twice ("twice is enough") keeps Q orthogonal to working precision.</remarks>
public static class GramSchmidt
{
    /// <summary>Replaces the columns of <paramref name="q"/> (rows×cols) by an orthonormal basis of their span; dependent columns become zero.</summary>
    public static void Orthonormalize(Span<double> q, int rows, int cols)
    {
        var col = new double[rows];
        for (int j = 0; j < cols; j++)
        {
            for (int pass = 0; pass < 2; pass++)
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < rows; i++) dot += q[i * cols + p] * q[i * cols + j];
                    for (int i = 0; i < rows; i++) q[i * cols + j] -= dot * q[i * cols + p];
                }
            double norm = 0;
            for (int i = 0; i < rows; i++) norm += q[i * cols + j] * q[i * cols + j];
            norm = Math.Sqrt(norm);
            double inv = norm > 1e-300 ? 1 / norm : 0;
            for (int i = 0; i < rows; i++) q[i * cols + j] *= inv;
        }
    }
}
