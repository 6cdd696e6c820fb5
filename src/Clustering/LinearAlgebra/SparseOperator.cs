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
    public void Multiply(ReadOnlySpan<double> b, int l, Span<double> result) => matrix.MultiplyDense(b, l, result);

    /// <inheritdoc />
    public void MultiplyTransposed(ReadOnlySpan<double> b, int l, Span<double> result) => _transpose.MultiplyDense(b, l, result);
}
