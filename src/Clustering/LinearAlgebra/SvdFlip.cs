namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>scikit-learn's <c>svd_flip</c> (u-based): each singular pair is signed so that the largest-magnitude entry of its U column is positive.</summary>
public static class SvdFlip
{
    /// <summary>Flips columns of u (rows×k) and the matching rows of vt (k×columns) in place.</summary>
    public static void Apply(Span<double> u, int rows, Span<double> vt, int columns, int k)
    {
        // One row-major pass finds every column's largest |entry| (first occurrence wins, like numpy.argmax).
        var bestAbs = new double[k];
        var bestVal = new double[k];
        Array.Fill(bestAbs, -1);
        for (int i = 0; i < rows; i++)
        {
            var row = u.Slice(i * k, k);
            for (int j = 0; j < k; j++)
            {
                double a = Math.Abs(row[j]);
                if (a > bestAbs[j]) { bestAbs[j] = a; bestVal[j] = row[j]; }
            }
        }
        for (int i = 0; i < rows; i++)
        {
            var row = u.Slice(i * k, k);
            for (int j = 0; j < k; j++) if (bestVal[j] < 0) row[j] = -row[j];
        }
        for (int j = 0; j < k; j++)
            if (bestVal[j] < 0) for (int c = 0; c < columns; c++) vt[j * columns + c] = -vt[j * columns + c];
    }

    /// <summary>For each column of the float32 u (rows×k): whether its largest-magnitude entry (the first on ties) is negative, i.e. whether the pair flips.</summary>
    public static bool[] NegativeColumns(ReadOnlySpan<float> u, int rows, int k)
    {
        var bestAbs = new float[k];
        var bestVal = new float[k];
        Array.Fill(bestAbs, -1);
        for (int i = 0; i < rows; i++)
        {
            var row = u.Slice(i * k, k);
            for (int j = 0; j < k; j++)
                if (Math.Abs(row[j]) > bestAbs[j]) { bestAbs[j] = Math.Abs(row[j]); bestVal[j] = row[j]; }
        }
        var flip = new bool[k];
        for (int j = 0; j < k; j++) flip[j] = bestVal[j] < 0;
        return flip;
    }
}
