using System.Runtime.CompilerServices;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>Greedy k-means++ seeding as in scikit-learn: 2 + ⌊ln k⌋ candidates per centre, keeping the one that lowers the potential most.</summary>
internal static class KMeansPlusPlus
{
    /// <summary>Chooses k initial centres (k×d) from the rows of x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Seed(float[] x, float[] xNorms, int n, int d, int k, Random random)
    {
        var centres = new float[k * d];
        int trials = 2 + (int)Math.Log(k);
        int first = random.Next(n);
        x.AsSpan(first * d, d).CopyTo(centres);
        var closest = new double[n];
        // Blocks are n×trials (data rows first): the GEMM kernel prefers the long dimension as its row count.
        var block = new float[trials * n];
        SquaredDistances.Block(x, xNorms, n, x.AsSpan(first * d, d), xNorms.AsSpan(first, 1), 1, d, block.AsSpan(0, n));
        double potential = 0;
        for (int i = 0; i < n; i++) { closest[i] = block[i]; potential += closest[i]; }
        var cumulative = new double[n];
        var candidates = new int[trials];
        var candX = new float[trials * d];
        var candNorms = new float[trials];
        var candPot = new double[trials];
        for (int c = 1; c < k; c++)
        {
            double run = 0;
            for (int i = 0; i < n; i++) { run += closest[i]; cumulative[i] = run; }
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                int idx = LowerBound(cumulative, target);
                candidates[t] = Math.Min(idx, n - 1);
                x.AsSpan(candidates[t] * d, d).CopyTo(candX.AsSpan(t * d, d));
                candNorms[t] = xNorms[candidates[t]];
            }
            SquaredDistances.Block(x, xNorms, n, candX, candNorms, trials, d, block);
            Array.Clear(candPot);
            for (int i = 0; i < n; i++)
                for (int t = 0; t < trials; t++) candPot[t] += Math.Min(closest[i], block[i * trials + t]);
            int best = 0;
            for (int t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t;
            potential = candPot[best];
            for (int i = 0; i < n; i++) closest[i] = Math.Min(closest[i], block[i * trials + best]);
            x.AsSpan(candidates[best] * d, d).CopyTo(centres.AsSpan(c * d, d));
        }
        return centres;
    }

    // numpy.searchsorted(side='left'): first index with cumulative[i] >= target.
    private static int LowerBound(double[] cumulative, double target)
    {
        int lo = 0, hi = cumulative.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
