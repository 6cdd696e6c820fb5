using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Metrics;

/// <summary>How well an embedding keeps local neighbourhoods (scikit-learn's <c>trustworthiness</c>), in O(n) memory per row chunk.</summary>
/// <remarks>Penalises embedded k-nearest neighbours by how far down they rank in the input space; ties in the input ranking go to the lower index.</remarks>
public static class Trustworthiness
{
    private const int RowChunk = 32;

    /// <summary>Trustworthiness in [0, 1] of embedding <paramref name="y"/> (n×e) for input <paramref name="x"/> (n×d).</summary>
    public static double Score(ReadOnlySpan<float> x, int n, int d, ReadOnlySpan<float> y, int e, int k = 5)
    {
        MatrixInput.Check(x, n, d);
        MatrixInput.Check(y, n, e, "embedding");
        if (k < 1 || k >= n / 2.0) throw new ArgumentOutOfRangeException(nameof(k), $"k must be in [1, n/2) = [1, {n / 2.0}), got {k}");
        var xa = x.ToArray();
        var ya = y.ToArray();
        var norms = new float[n];
        SquaredDistances.RowNorms(xa, n, d, norms);
        int chunks = FixedChunks.Count(n, RowChunk);
        var penalty = new long[chunks];
        FixedChunks.For(n, RowChunk, (chunk, start, end) =>
        {
            int r = end - start;
            var dist = new float[r * n];
            SquaredDistances.Block(xa.AsSpan(start * d, r * d), norms.AsSpan(start, r), r, xa, norms, n, d, dist);
            var nbr = new int[k];
            var nbrDist = new double[k];
            long sum = 0;
            for (int i = 0; i < r; i++)
            {
                int self = start + i;
                EmbeddedNeighbours(ya, n, e, self, nbr, nbrDist);
                var row = dist.AsSpan(i * n, n);
                foreach (int j in nbr)
                {
                    float dj = row[j];
                    int rank = 0;
                    for (int l = 0; l < n; l++)
                    {
                        if (l == self) continue;
                        float dl = row[l];
                        if (dl < dj || (dl == dj && l < j)) rank++;
                    }
                    rank += 1;
                    if (rank > k) sum += rank - k;
                }
            }
            penalty[chunk] = sum;
        }, workPerItem: (long)n * (d + k));
        long t = 0;
        foreach (long p in penalty) t += p;
        return 1.0 - t * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }

    // The k nearest other points in the embedding (direct distances: e is small), nearest first.
    private static void EmbeddedNeighbours(float[] y, int n, int e, int self, int[] nbr, double[] nbrDist)
    {
        int k = nbr.Length, count = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == self) continue;
            double s = 0;
            for (int c = 0; c < e; c++) { double t = (double)y[self * e + c] - y[j * e + c]; s += t * t; }
            if (count == k && s >= nbrDist[k - 1]) continue;
            int p = count < k ? count++ : k - 1;
            while (p > 0 && nbrDist[p - 1] > s) { nbrDist[p] = nbrDist[p - 1]; nbr[p] = nbr[p - 1]; p--; }
            nbrDist[p] = s; nbr[p] = j;
        }
    }
}
