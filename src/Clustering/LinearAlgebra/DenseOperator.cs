using System.Numerics.Tensors;
using MusicCluster.Clustering.Common;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A dense row-major float32 matrix as an <see cref="ILinearOperator"/>; both products are single plain GEMM calls.</summary>
/// <remarks>
/// A transposed copy is kept so that A·V (computed as Vᵀ·Aᵀ on panels) also takes the kernel's untransposed path; this doubles
/// the memory of A. Panel buffers are reused between calls, so an instance is not safe for concurrent products.
/// </remarks>
public sealed class DenseOperator : ILinearOperator
{
    private readonly float[] _data, _transposed;
    private float[] _panel = [], _product = [];

    /// <summary>Wraps <paramref name="data"/> (rows×columns, kept by reference) and builds its transpose.</summary>
    public DenseOperator(float[] data, int rows, int columns)
    {
        _data = data; Rows = rows; Columns = columns;
        _transposed = new float[data.Length];
        const int tile = 64;
        var t = _transposed;
        // Tiles of 64 source rows per work item; every element is written once, so the split cannot change the result.
        FixedChunks.For(rows, tile, (_, i0, i1) =>
        {
            for (int j0 = 0; j0 < columns; j0 += tile)
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < Math.Min(columns, j0 + tile); j++)
                        t[(long)j * rows + i] = data[(long)i * columns + j];
        }, workPerItem: columns);
    }

    /// <inheritdoc />
    public int Rows { get; }

    /// <inheritdoc />
    public int Columns { get; }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(panel, l, Columns, _transposed, Rows, result);

    /// <inheritdoc />
    public void ApplyTransposed(ReadOnlySpan<double> panel, int l, Span<double> result) => Product(panel, l, Rows, _data, Columns, result);

    // result (l×n) = panel (l×k) · b (k×n), in float32 like the data (scikit-learn also multiplies float32 data in float32).
    private void Product(ReadOnlySpan<double> panel, int l, int k, float[] b, int n, Span<double> result)
    {
        int pl = l * k, cl = l * n;
        if (_panel.Length < pl) _panel = new float[pl];
        if (_product.Length < cl) _product = new float[cl];
        var pf = _panel.AsSpan(0, pl);
        var c = _product.AsSpan(0, cl);
        TensorPrimitives.ConvertTruncating(panel.Slice(0, pl), pf);
        Gemm.Multiply<float>(false, false, l, n, k, pf, k, b, n, c, n);
        TensorPrimitives.ConvertChecked<float, double>(c, result.Slice(0, cl));
    }
}
