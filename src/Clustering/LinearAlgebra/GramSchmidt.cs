using System.Numerics.Tensors;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>Orthonormalises a panel of vectors (l×length, each vector contiguous) in float64: the Q of a thin QR.</summary>
/// <remarks>Modified Gram–Schmidt; two passes ("twice is enough") give Q orthogonal to working precision, one is enough between power iterations.</remarks>
public static class GramSchmidt
{
    /// <summary>Replaces the <paramref name="count"/> vectors of <paramref name="panel"/> by an orthonormal basis of their span; dependent vectors become zero.</summary>
    public static void Orthonormalize(Span<double> panel, int count, int length, int passes = 2)
    {
        for (int j = 0; j < count; j++)
        {
            var cj = panel.Slice(j * length, length);
            for (int pass = 0; pass < passes; pass++)
                for (int p = 0; p < j; p++)
                {
                    var cp = panel.Slice(p * length, length);
                    double dot = TensorPrimitives.Dot<double>(cp, cj);
                    TensorPrimitives.MultiplyAdd(cp, -dot, cj, cj);
                }
            double norm = Math.Sqrt(TensorPrimitives.Dot<double>(cj, cj));
            TensorPrimitives.Multiply(cj, norm > 1e-300 ? 1 / norm : 0, cj);
        }
    }
}
