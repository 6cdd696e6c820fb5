namespace MusicCluster.Clustering.Metrics;

/// <summary>Counts of samples per (true class, predicted cluster), like sklearn's <c>contingency_matrix</c>.</summary>
public sealed class ContingencyMatrix
{
    private ContingencyMatrix(int[] classes, int[] clusters, long[] counts, long total)
    { Classes = classes; Clusters = clusters; Counts = counts; Total = total; }

    /// <summary>Sorted distinct true labels (rows).</summary>
    public int[] Classes { get; }

    /// <summary>Sorted distinct predicted labels (columns).</summary>
    public int[] Clusters { get; }

    /// <summary>Row-major counts, Classes.Length × Clusters.Length.</summary>
    public long[] Counts { get; }

    /// <summary>Number of samples.</summary>
    public long Total { get; }

    /// <summary>Number of rows (true classes).</summary>
    public int Rows => Classes.Length;

    /// <summary>Number of columns (predicted clusters).</summary>
    public int Columns => Clusters.Length;

    /// <summary>Count at (class row, cluster column).</summary>
    public long this[int row, int column] => Counts[row * Columns + column];

    /// <summary>Builds the matrix; predicted noise (−1) is treated as <paramref name="noise"/> says.</summary>
    public static ContingencyMatrix Build(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"label vectors differ in length: {truth.Length} true labels, {predicted.Length} predicted");
        if (truth.Length == 0) throw new ArgumentException("label vectors are empty");
        var pred = LabelEncoding.Prepare(predicted, noise, out var kept);
        int[] t;
        if (kept is null) t = truth.ToArray();
        else { t = new int[kept.Length]; for (int i = 0; i < kept.Length; i++) t[i] = truth[kept[i]]; }
        if (t.Length == 0) throw new ArgumentException("every predicted label is noise (−1); nothing left to compare");
        var te = LabelEncoding.Fit(t);
        var pe = LabelEncoding.Fit(pred);
        var counts = new long[checked(te.Count * pe.Count)];
        for (int i = 0; i < t.Length; i++) counts[te.Codes[i] * pe.Count + pe.Codes[i]]++;
        return new ContingencyMatrix(te.Classes, pe.Classes, counts, t.Length);
    }

    /// <summary>Row sums (class sizes).</summary>
    public long[] RowSums()
    {
        var s = new long[Rows];
        for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) s[i] += this[i, j];
        return s;
    }

    /// <summary>Column sums (cluster sizes).</summary>
    public long[] ColumnSums()
    {
        var s = new long[Columns];
        for (int i = 0; i < Rows; i++) for (int j = 0; j < Columns; j++) s[j] += this[i, j];
        return s;
    }
}
