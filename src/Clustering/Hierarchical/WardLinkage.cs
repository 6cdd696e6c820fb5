using MusicCluster.Tensors;
using System.Numerics;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Hierarchical;

/// <summary>Ward hierarchical clustering by the nearest-neighbour chain on the vectors themselves (centroids and sizes).</summary>
/// <remarks>
/// Memory is O(n·d): no n×n distance matrix. The Ward cost of merging i and j is ‖cᵢ−cⱼ‖²·mᵢmⱼ/(mᵢ+mⱼ); the reported height
/// is √(2·cost), which is scipy's <c>linkage(method='ward')</c> height. Nearest-neighbour scans run in fixed chunks on all cores.
/// Ties go to the chain's previous element, then to the lowest index, so the result is deterministic.
/// </remarks>
public static class WardLinkage
{
    private const int ScanChunk = 1024;

    /// <summary>The full dendrogram of the n×d matrix.</summary>
    public static LinkageMatrix Fit(ReadOnlySpan<float> x, int n, int d)
    {
        MatrixInput.Check(x, n, d);
        if (n == 1) return LinkageMatrix.FromMerges(1, [], [], []);
        var centroids = new double[(long)n * d];
        for (long i = 0; i < centroids.Length; i++) centroids[i] = x[(int)i];
        var size = new double[n];
        Array.Fill(size, 1.0);
        // Active slots in increasing order; a merged cluster lives in the lower slot of the pair.
        var active = new int[n];
        for (int i = 0; i < n; i++) active[i] = i;
        int activeCount = n;
        var chain = new int[n];
        int chainLength = 0;
        var ma = new int[n - 1]; var mb = new int[n - 1]; var mh = new double[n - 1];
        int chunks = FixedChunks.Count(n, ScanChunk);
        var bestCost = new double[chunks];
        var bestSlot = new int[chunks];
        for (int merge = 0; merge < n - 1; merge++)
        {
            if (chainLength == 0) chain[chainLength++] = active[0];
            int a, b;
            double cost;
            while (true)
            {
                a = chain[chainLength - 1];
                (b, cost) = Nearest(centroids, size, d, a, active, activeCount, bestCost, bestSlot);
                if (chainLength >= 2)
                {
                    int prev = chain[chainLength - 2];
                    if (prev == b) break;
                    if (WardCost(centroids, size, d, a, prev) == cost) { b = prev; break; }
                }
                chain[chainLength++] = b;
            }
            chainLength -= 2;
            int lo = Math.Min(a, b), hi = Math.Max(a, b);
            ma[merge] = lo; mb[merge] = hi; mh[merge] = Math.Sqrt(2 * cost);
            double sl = size[lo], sh = size[hi], total = sl + sh;
            var cl = centroids.AsSpan(lo * d, d);
            var ch = centroids.AsSpan(hi * d, d);
            for (int j = 0; j < d; j++) cl[j] = (sl * cl[j] + sh * ch[j]) / total;
            size[lo] = total;
            int pos = Array.BinarySearch(active, 0, activeCount, hi);
            Array.Copy(active, pos + 1, active, pos, activeCount - pos - 1);
            activeCount--;
        }
        return LinkageMatrix.FromMerges(n, ma, mb, mh);
    }

    /// <summary>The full dendrogram of the rows of an n×d tensor.</summary>
    public static LinkageMatrix Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    private static double WardCost(double[] c, double[] size, int d, int a, int j)
    {
        double s = SquaredDistance(c.AsSpan(a * d, d), c.AsSpan(j * d, d));
        return s * (size[a] * size[j] / (size[a] + size[j]));
    }

    private static (int Slot, double Cost) Nearest(double[] c, double[] size, int d, int a, int[] active, int count,
        double[] bestCost, int[] bestSlot)
    {
        int chunks = FixedChunks.Count(count, ScanChunk);
        void Scan(int chunk)
        {
            int start = chunk * ScanChunk, end = Math.Min(count, start + ScanChunk);
            double best = double.PositiveInfinity;
            int slot = -1;
            var ca = c.AsSpan(a * d, d);
            double sa = size[a];
            for (int p = start; p < end; p++)
            {
                int j = active[p];
                if (j == a) continue;
                double s = SquaredDistance(ca, c.AsSpan(j * d, d)) * (sa * size[j] / (sa + size[j]));
                if (s < best) { best = s; slot = j; }
            }
            bestCost[chunk] = best; bestSlot[chunk] = slot;
        }
        if ((long)count * d >= 65_536 && chunks > 1) Parallel.For(0, chunks, Scan);
        else for (int ch = 0; ch < chunks; ch++) Scan(ch);
        double cost = double.PositiveInfinity;
        int result = -1;
        for (int ch = 0; ch < chunks; ch++)
            if (bestCost[ch] < cost) { cost = bestCost[ch]; result = bestSlot[ch]; }
        return (result, cost);
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var t = new Vector<double>(a.Slice(i)) - new Vector<double>(b.Slice(i));
                acc += t * t;
            }
            s = Vector.Sum(acc);
        }
        for (; i < a.Length; i++) { double t = a[i] - b[i]; s += t * t; }
        return s;
    }
}
