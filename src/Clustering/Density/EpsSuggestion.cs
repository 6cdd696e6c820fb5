namespace MusicCluster.Clustering.Density;

/// <summary>Suggests DBSCAN's eps from the knee of the sorted k-distance curve (distance of every point to its k-th neighbour, itself counted).</summary>
public static class EpsSuggestion
{
    /// <summary>The k-distance (k = <paramref name="minSamples"/>) at the point of the sorted curve farthest below the chord joining its ends.</summary>
    public static double FromKDistanceKnee(ReadOnlySpan<float> x, int n, int d, int minSamples = 5)
    {
        Common.MatrixInput.Check(x, n, d);
        if (minSamples < 2 || minSamples > n) throw new ArgumentOutOfRangeException(nameof(minSamples), $"min_samples must be in [2, {n}], got {minSamples}");
        var curve = KDistances(x, n, d, minSamples);
        Array.Sort(curve);
        double y0 = curve[0], y1 = curve[^1];
        if (y1 <= y0) return y1 > 0 ? y1 : 1e-12;
        int best = 0;
        double bestGap = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            // Both axes normalised to [0, 1]; the knee is where the curve lies farthest under the chord.
            double t = n == 1 ? 0 : (double)i / (n - 1);
            double gap = t - (curve[i] - y0) / (y1 - y0);
            if (gap > bestGap) { bestGap = gap; best = i; }
        }
        return curve[best];
    }

    /// <summary>Distance from every row to its k-th nearest row (the row itself is the first).</summary>
    public static double[] KDistances(ReadOnlySpan<float> x, int n, int d, int k)
    {
        var xa = x.ToArray();
        var tree = new KdTree(xa, n, d);
        var result = new double[n];
        Common.FixedChunks.For(n, 512, (_, start, end) =>
        {
            var idx = new int[k];
            var dist = new double[k];
            for (int i = start; i < end; i++)
            {
                tree.Nearest(xa.AsSpan(i * d, d), k, idx, dist);
                result[i] = Math.Sqrt(dist[k - 1]);
            }
        }, workPerItem: 64L * d);
        return result;
    }
}
