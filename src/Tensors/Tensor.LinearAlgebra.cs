namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>Matrix product op(a)·op(b) on the last two axes; leading axes are batch axes.</summary>
    /// <remarks>
    /// Batch axes must match, or one operand must be a plain matrix (it is reused for every batch entry).
    /// A transposed view of a contiguous matrix is read in place through the kernel's transpose flag.
    /// </remarks>
    public static Tensor<T> MatMul(Tensor<T> a, Tensor<T> b, bool transposeA = false, bool transposeB = false)
    {
        a.RequireSameBackend(b, "matmul");
        if (a.Rank < 2 || b.Rank < 2)
            throw new ArgumentException($"matmul needs operands of rank ≥ 2, got {TensorShape.Format(a.Shape)} and {TensorShape.Format(b.Shape)}");
        var (sa, ta) = Operand(a, transposeA);
        var (sb, tb) = Operand(b, transposeB);
        int m = transposeA ? a.Shape[^1] : a.Shape[^2];
        int ka = transposeA ? a.Shape[^2] : a.Shape[^1];
        int kb = transposeB ? b.Shape[^1] : b.Shape[^2];
        int n = transposeB ? b.Shape[^2] : b.Shape[^1];
        if (ka != kb)
            throw new ArgumentException($"matmul: inner dimensions differ: {TensorShape.Format(a.Shape)}{(transposeA ? "ᵀ" : "")} · {TensorShape.Format(b.Shape)}{(transposeB ? "ᵀ" : "")} ({ka} vs {kb})");

        int[] batchA = a.Shape[..^2], batchB = b.Shape[..^2];
        int[] batchShape;
        if (batchA.Length == 0) batchShape = batchB;
        else if (batchB.Length == 0 || TensorShape.SameShape(batchA, batchB)) batchShape = batchA;
        else throw new ArgumentException($"matmul: batch axes differ: {TensorShape.Format(a.Shape)} and {TensorShape.Format(b.Shape)}");
        int batch = TensorShape.Numel(batchShape);

        int[] outShape = [.. batchShape, m, n];
        if (m == 0 || n == 0) return ZerosOn(a.Backend, outShape);
        var c = EmptyOn(a.Backend, outShape); // the kernel writes every element (it clears C itself when k = 0)
        a.Backend.MatMul(sa, batchA.Length == 0 ? 0 : m * ka, ta, sb, batchB.Length == 0 ? 0 : kb * n, tb, c.Storage, batch, m, n, ka);
        return c;
    }

    /// <summary>this · other.</summary>
    public Tensor<T> MatMul(Tensor<T> other) => MatMul(this, other);

    // Returns storage laid out as the kernel expects, flipping the transpose flag for a transposed contiguous matrix.
    private static (Storage<T> Storage, bool Transposed) Operand(Tensor<T> t, bool transposed)
    {
        if (t.IsContiguous && t.Offset == 0) return (t.Storage, transposed);
        if (t.Rank == 2 && t.Offset == 0 && t.Strides[0] == 1 && t.Strides[1] == t.Shape[0] && t.Storage.Length == t.Length)
            return (t.Storage, !transposed);
        return (t.Clone().Storage, transposed);
    }
}
