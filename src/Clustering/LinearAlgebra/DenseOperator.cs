using MusicCluster.Clustering.Common;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A dense row-major float32 matrix as an <see cref="ILinearOperator"/>; products go through the GEMM kernel in row chunks.</summary>
public sealed class DenseOperator(float[] data, int rows, int columns) : ILinearOperator
{
    private const int RowChunk = 4096;

    /// <inheritdoc />
    public int Rows => rows;

    /// <inheritdoc />
    public int Columns => columns;

    /// <inheritdoc />
    public void Multiply(ReadOnlySpan<double> b, int l, Span<double> result)
    {
        var bf = ToFloat(b);
        var res = new double[(long)rows * l];
        FixedChunks.For(rows, RowChunk, (_, start, end) =>
        {
            int r = end - start;
            var c = new float[r * l];
            Gemm.Multiply(false, false, r, l, columns, data.AsSpan(start * columns, r * columns), columns, bf, l, c, l);
            for (int i = 0; i < c.Length; i++) res[start * l + i] = c[i];
        }, workPerItem: (long)columns * l);
        res.CopyTo(result);
    }

    /// <inheritdoc />
    public void MultiplyTransposed(ReadOnlySpan<double> b, int l, Span<double> result)
    {
        var bf = ToFloat(b);
        int chunks = FixedChunks.Count(rows, RowChunk);
        var partial = new float[chunks][];
        FixedChunks.For(rows, RowChunk, (chunk, start, end) =>
        {
            int r = end - start;
            var c = new float[columns * l];
            Gemm.Multiply(true, false, columns, l, r, data.AsSpan(start * columns, r * columns), columns, bf.AsSpan(start * l, r * l), l, c, l);
            partial[chunk] = c;
        }, workPerItem: (long)columns * l);
        result.Clear();
        // Chunk partials are summed in chunk order, in float64, so the result does not depend on scheduling.
        foreach (var c in partial) for (int i = 0; i < c.Length; i++) result[i] += c[i];
    }

    private static float[] ToFloat(ReadOnlySpan<double> b)
    {
        var f = new float[b.Length];
        for (int i = 0; i < b.Length; i++) f[i] = (float)b[i];
        return f;
    }
}
