namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Matrix product of the last two axes (batch axes broadcast as in <c>Tensor.MatMul</c>).</summary>
    /// <remarks>dA = dC·Bᵀ and dB = Aᵀ·dC, computed with the kernel's transpose flags instead of materialised transposes.</remarks>
    public static Variable<T> MatMul(Variable<T> a, Variable<T> b)
        => Record(Tensors.Tensor<T>.MatMul(a.Data, b.Data), [a, b], g =>
        {
            if (a.RequiresGrad) a.Accumulate(Tensors.Tensor<T>.MatMul(g, b.Data, transposeB: true).SumToShape(a.Shape));
            if (b.RequiresGrad) b.Accumulate(Tensors.Tensor<T>.MatMul(a.Data, g, transposeA: true).SumToShape(b.Shape));
        });
}
