namespace MusicCluster.Tensors.Sparse;

/// <summary>A float32 sparse matrix in compressed sparse row form (like scipy.sparse.csr_matrix).</summary>
/// <remarks>Row i's entries are <c>Values[RowPointers[i]..RowPointers[i+1]]</c> at columns <c>ColumnIndices[...]</c>, sorted within a row.</remarks>
public sealed class CsrMatrix
{
    /// <summary>Wraps CSR arrays after checking that they are consistent.</summary>
    public CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowPointers.Length != rows + 1)
            throw new ArgumentException($"rowPointers has {rowPointers.Length} entries, expected rows + 1 = {rows + 1}", nameof(rowPointers));
        if (columnIndices.Length != values.Length)
            throw new ArgumentException($"columnIndices ({columnIndices.Length}) and values ({values.Length}) differ in length");
        if (rowPointers[0] != 0 || rowPointers[rows] != values.Length)
            throw new ArgumentException($"rowPointers must start at 0 and end at the number of stored values ({values.Length})", nameof(rowPointers));
        for (int i = 0; i < rows; i++)
        {
            int start = rowPointers[i], end = rowPointers[i + 1];
            if (end < start) throw new ArgumentException($"rowPointers decreases at row {i}", nameof(rowPointers));
            for (int p = start; p < end; p++)
            {
                int c = columnIndices[p];
                if ((uint)c >= (uint)columns) throw new ArgumentException($"row {i} has column index {c} outside [0, {columns})", nameof(columnIndices));
                if (p > start && columnIndices[p - 1] >= c) throw new ArgumentException($"row {i} has unsorted or repeated column indices", nameof(columnIndices));
            }
        }
        Rows = rows; Columns = columns; RowPointers = rowPointers; ColumnIndices = columnIndices; Values = values;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Row start offsets into <see cref="Values"/>; length Rows + 1.</summary>
    public int[] RowPointers { get; }

    /// <summary>Column of each stored value.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>The stored values.</summary>
    public float[] Values { get; }

    /// <summary>Number of stored values.</summary>
    public int NonZeros => Values.Length;

    /// <summary>The stored columns of one row.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>The stored values of one row.</summary>
    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>The matrix as a dense row-major array (Rows × Columns).</summary>
    public float[] ToDense()
    {
        var dense = new float[checked((long)Rows * Columns)];
        for (int i = 0; i < Rows; i++)
            for (int p = RowPointers[i]; p < RowPointers[i + 1]; p++)
                dense[(long)i * Columns + ColumnIndices[p]] = Values[p];
        return dense;
    }
}
