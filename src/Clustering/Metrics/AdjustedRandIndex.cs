namespace MusicCluster.Clustering.Metrics;

/// <summary>Adjusted Rand index (scikit-learn's <c>adjusted_rand_score</c>, computed from the pair confusion matrix).</summary>
public static class AdjustedRandIndex
{
    /// <summary>ARI in [−0.5, 1]; 1 for identical partitions (up to renaming).</summary>
    public static double Score(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, NoiseHandling noise = NoiseHandling.AsOneCluster)
        => Score(ContingencyMatrix.Build(truth, predicted, noise));

    /// <summary>ARI from a contingency matrix.</summary>
    public static double Score(ContingencyMatrix c)
    {
        // Pair counts reach n² ≈ 10¹⁰ for n = 10⁵ and their products overflow 64 bits, so multiply in 128.
        Int128 n = c.Total;
        Int128 sumSquares = 0;
        foreach (long v in c.Counts) sumSquares += (Int128)v * v;
        var rows = c.RowSums();
        var cols = c.ColumnSums();
        Int128 rowDot = 0, colDot = 0;
        for (int i = 0; i < c.Rows; i++) for (int j = 0; j < c.Columns; j++)
        {
            long v = c[i, j];
            if (v == 0) continue;
            colDot += (Int128)v * cols[j];
            rowDot += (Int128)v * rows[i];
        }
        Int128 tp = sumSquares - n;
        Int128 fp = colDot - sumSquares;
        Int128 fn = rowDot - sumSquares;
        Int128 tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) return 1.0;
        double num = (double)(tp * tn - fn * fp);
        double den = (double)((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
        return 2.0 * num / den;
    }
}
