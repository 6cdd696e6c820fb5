using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A dense row-major float32 matrix as an <see cref="ILinearOperator"/>; both products are single calls to the GEMM kernel.</summary>
/// <remarks>A transposed copy is kept so that Aᵀ·b is also an untransposed, k-contiguous GEMM (the kernel's fastest path); this doubles the memory of A.</remarks>
public sealed class DenseOperator : ILinearOperator
{
    private readonly float[] _data, _transposed;

    /// <summary>Wraps <paramref name="data"/> (rows×columns, kept by reference) and builds its transpose.</summary>
    public DenseOperator(float[] data, int rows, int columns)
    {
        _data = data; Rows = rows; Columns = columns;
        _transposed = new float[data.Length];
        const int tile = 64;
        for (int i0 = 0; i0 < rows; i0 += tile)
            for (int j0 = 0; j0 < columns; j0 += tile)
                for (int i = i0; i < Math.Min(rows, i0 + tile); i++)
                    for (int j = j0; j < Math.Min(columns, j0 + tile); j++)
                        _transposed[(long)j * rows + i] = data[(long)i * columns + j];
    }

    /// <inheritdoc />
    public int Rows { get; }

    /// <inheritdoc />
    public int Columns { get; }

    /// <inheritdoc />
    public void Multiply(ReadOnlySpan<double> b, int l, Span<double> result) => Product(_data, Rows, Columns, b, l, result);

    /// <inheritdoc />
    public void MultiplyTransposed(ReadOnlySpan<double> b, int l, Span<double> result) => Product(_transposed, Columns, Rows, b, l, result);

    private static void Product(float[] a, int m, int k, ReadOnlySpan<double> b, int l, Span<double> result)
    {
        var bf = new float[b.Length];
        for (int i = 0; i < b.Length; i++) bf[i] = (float)b[i];
        var c = new float[(long)m * l];
        Gemm.Multiply(false, false, m, l, k, a, k, bf, l, c, l);
        for (int i = 0; i < c.Length; i++) result[i] = c[i];
    }
}
