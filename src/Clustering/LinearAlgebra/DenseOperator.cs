using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A dense row-major float32 matrix as an <see cref="ILinearOperator"/>; both products are single plain GEMM calls.</summary>
/// <remarks>A transposed copy is kept so that A·V (computed as Vᵀ·Aᵀ on panels) also takes the kernel's untransposed path; this doubles the memory of A.</remarks>
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
    public void Apply(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(panel, l, Columns, _transposed, Rows, result);

    /// <inheritdoc />
    public void ApplyTransposed(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(panel, l, Rows, _data, Columns, result);

    // result (l×n) = panel (l×k) · b (k×n)
    private static void Product(ReadOnlySpan<double> panel, int l, int k, float[] b, int n, Span<double> result)
    {
        var pf = new float[panel.Length];
        for (int i = 0; i < panel.Length; i++) pf[i] = (float)panel[i];
        var c = new float[(long)l * n];
        Gemm.Multiply(false, false, l, n, k, pf, k, b, n, c, n);
        for (int i = 0; i < c.Length; i++) result[i] = c[i];
    }
}
