using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Matrix product of the last two axes (batch axes broadcast as in <c>Tensor.MatMul</c>).</summary>
    /// <remarks>
    /// dA = dC·Bᵀ and dB = Aᵀ·dC, computed with the kernel's transpose flags instead of materialised transposes. When a
    /// plain matrix B is shared by a batch of A, dB is one GEMM over the flattened batch rather than a per-batch product
    /// summed afterwards.
    /// </remarks>
    public static Variable<T> MatMul(Variable<T> a, Variable<T> b)
    {
        Tensor<T> x = a.Data, y = b.Data;
        return Record(Tensor<T>.MatMul(x, y), [a, b], g =>
        {
            if (a.RequiresGrad) a.Accumulate(Tensor<T>.MatMul(g, y, transposeB: true).SumToShape(a.Shape));
            if (!b.RequiresGrad) return;
            if (y.Rank == 2 && x.Rank > 2)
            {
                int k = a.Shape[^1], n = b.Shape[^1];
                b.Accumulate(Tensor<T>.MatMul(x.Reshape(-1, k), g.Reshape(-1, n), transposeA: true));
            }
            else b.Accumulate(Tensor<T>.MatMul(x, g, transposeA: true).SumToShape(b.Shape));
        });
    }
}
