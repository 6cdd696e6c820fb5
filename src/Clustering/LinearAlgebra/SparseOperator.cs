using MusicCluster.Tensors.Sparse;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A CSR matrix as an <see cref="ILinearOperator"/>; the transpose is built once so both products are row-parallel.</summary>
public sealed class SparseOperator(CsrMatrix matrix) : ILinearOperator
{
    private readonly CsrMatrix _transpose = matrix.Transpose();

    /// <inheritdoc />
    public int Rows => matrix.Rows;

    /// <inheritdoc />
    public int Columns => matrix.Columns;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(matrix, panel, l, result);

    /// <inheritdoc />
    public void ApplyTransposed(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(_transpose, panel, l, result);

    // The CSR kernel works on row-major thin matrices: transpose the panel in and the result out (O(n·l), small next to nnz·l).
    private static void Product(CsrMatrix a, ReadOnlySpan<double> panel, int l, Span<double> result)
    {
        int k = a.Columns, m = a.Rows;
        var b = new double[(long)k * l];
        for (int p = 0; p < l; p++) for (int i = 0; i < k; i++) b[(long)i * l + p] = panel[p * k + i];
        var c = new double[(long)m * l];
        a.MultiplyDense(b, l, c);
        for (int p = 0; p < l; p++) for (int i = 0; i < m; i++) result[p * m + i] = c[(long)i * l + p];
    }
}
