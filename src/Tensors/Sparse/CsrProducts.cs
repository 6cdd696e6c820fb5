namespace MusicCluster.Tensors.Sparse;

/// <summary>Sparse × dense products and the transpose of a <see cref="CsrMatrix"/>.</summary>
public static class CsrProducts
{
    /// <summary>result (Rows×l) = A · b, b dense row-major (Columns×l), float64 accumulation.</summary>
    /// <remarks>Rows are independent, so the parallel loop gives the same bits as a serial one.</remarks>
    public static void MultiplyDense(this CsrMatrix a, ReadOnlySpan<double> b, int l, Span<double> result)
    {
        if (b.Length != (long)a.Columns * l) throw new ArgumentException($"b has {b.Length} values, expected {a.Columns}×{l}");
        if (result.Length != (long)a.Rows * l) throw new ArgumentException($"result has {result.Length} values, expected {a.Rows}×{l}");
        var bArr = b.ToArray();
        var res = new double[result.Length];
        void Row(int i)
        {
            var r = res.AsSpan(i * l, l);
            for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++)
            {
                double v = a.Values[p];
                var src = bArr.AsSpan(a.ColumnIndices[p] * l, l);
                for (int j = 0; j < l; j++) r[j] += v * src[j];
            }
        }
        if ((long)a.NonZeros * l < 1_000_000) for (int i = 0; i < a.Rows; i++) Row(i);
        else Parallel.For(0, a.Rows, Row);
        res.CopyTo(result);
    }

    /// <summary>The transpose as a new CSR matrix (columns become rows; column indices stay sorted).</summary>
    public static CsrMatrix Transpose(this CsrMatrix a)
    {
        var counts = new int[a.Columns + 1];
        foreach (int c in a.ColumnIndices) counts[c + 1]++;
        for (int c = 0; c < a.Columns; c++) counts[c + 1] += counts[c];
        var pointers = (int[])counts.Clone();
        var next = (int[])counts.Clone();
        var cols = new int[a.NonZeros];
        var vals = new float[a.NonZeros];
        for (int i = 0; i < a.Rows; i++)
            for (int p = a.RowPointers[i]; p < a.RowPointers[i + 1]; p++)
            {
                int dst = next[a.ColumnIndices[p]]++;
                cols[dst] = i;
                vals[dst] = a.Values[p];
            }
        return new CsrMatrix(a.Columns, a.Rows, pointers, cols, vals);
    }
}
