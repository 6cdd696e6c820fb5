namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>scikit-learn's <c>svd_flip</c> (u-based): each singular pair is signed so that the largest-magnitude entry of its U column is positive.</summary>
public static class SvdFlip
{
    /// <summary>Flips columns of u (rows×k) and the matching rows of vt (k×columns) in place.</summary>
    public static void Apply(Span<double> u, int rows, Span<double> vt, int columns, int k)
    {
        for (int j = 0; j < k; j++)
        {
            int best = 0;
            double bestAbs = -1;
            for (int i = 0; i < rows; i++)
            {
                double a = Math.Abs(u[i * k + j]);
                if (a > bestAbs) { bestAbs = a; best = i; }
            }
            if (u[best * k + j] >= 0) continue;
            for (int i = 0; i < rows; i++) u[i * k + j] = -u[i * k + j];
            for (int c = 0; c < columns; c++) vt[j * columns + c] = -vt[j * columns + c];
        }
    }
}
