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
}
