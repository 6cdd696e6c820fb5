using System.Numerics.Tensors;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Orthonormalises the columns of a tall row-major matrix (the Q of a thin QR), in float64.</summary>
/// <remarks>Modified Gram–Schmidt applied twice ("twice is enough") keeps Q orthogonal to working precision; columns are copied out contiguous so the inner products vectorise.</remarks>
public static class GramSchmidt
{
    /// <summary>Replaces the columns of <paramref name="q"/> (rows×cols) by an orthonormal basis of their span; dependent columns become zero. One pass is enough between power iterations; the final basis gets two.</summary>
    public static void Orthonormalize(Span<double> q, int rows, int cols, int passes = 2)
    {
        var t = new double[(long)rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[(long)j * rows + i] = q[i * cols + j];
        for (int j = 0; j < cols; j++)
        {
            var cj = t.AsSpan(j * rows, rows);
            for (int pass = 0; pass < passes; pass++)
                for (int p = 0; p < j; p++)
                {
                    var cp = t.AsSpan(p * rows, rows);
                    double dot = TensorPrimitives.Dot(cp, cj);
                    TensorPrimitives.MultiplyAdd(cp, -dot, cj, cj);
                }
            double norm = Math.Sqrt(TensorPrimitives.Dot(cj, cj));
            TensorPrimitives.Multiply(cj, norm > 1e-300 ? 1 / norm : 0, cj);
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) q[i * cols + j] = t[(long)j * rows + i];
    }
}
