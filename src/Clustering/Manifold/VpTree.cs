using System.Numerics.Tensors;

namespace MusicCluster.Clustering.Manifold;

/// <summary>A vantage-point tree for exact k-nearest-neighbour queries among the rows of an n×d matrix (Yianilos 1993).</summary>
public sealed class VpTree
{
    private readonly float[] _x;
    private readonly int _d;
    private readonly int[] _items;
    private readonly float[] _threshold;
    // Node = position in _items of its vantage point; children are the halves [lo+1, mid) and [mid, hi).
    private readonly int[] _mid;

    /// <summary>Builds the tree with a seeded choice of vantage points.</summary>
    public VpTree(float[] x, int n, int d, int seed = 0)
    {
        _x = x; _d = d;
        _items = new int[n];
        for (int i = 0; i < n; i++) _items[i] = i;
        _threshold = new float[n];
        _mid = new int[n];
        var random = new Random(seed);
        var dist = new float[n];
        Build(0, n, random, dist);
    }

    private float Distance(int a, int b) => TensorPrimitives.Distance(_x.AsSpan(a * _d, _d), _x.AsSpan(b * _d, _d));

    private void Build(int lo, int hi, Random random, float[] dist)
    {
        if (hi - lo <= 1) { if (hi - lo == 1) _mid[lo] = hi; return; }
        int pick = lo + random.Next(hi - lo);
        (_items[lo], _items[pick]) = (_items[pick], _items[lo]);
        int vp = _items[lo];
        int count = hi - lo - 1;
        for (int p = lo + 1; p < hi; p++) dist[p] = Distance(vp, _items[p]);
        dist.AsSpan(lo + 1, count).Sort(_items.AsSpan(lo + 1, count));
        int mid = lo + 1 + count / 2;
        _threshold[lo] = dist[mid];
        _mid[lo] = mid;
        Build(lo + 1, mid, random, dist);
        Build(mid, hi, random, dist);
    }

    /// <summary>The k nearest rows to row <paramref name="query"/> (itself excluded), nearest first, with Euclidean distances.</summary>
    public void Nearest(int query, int k, Span<int> indices, Span<float> distances)
    {
        int found = 0;
        float tau = float.PositiveInfinity;
        var q = _x.AsSpan(query * _d, _d);
        Span<(int Lo, int Hi)> stack = stackalloc (int, int)[128];
        int top = 0;
        stack[top++] = (0, _items.Length);
        while (top > 0)
        {
            var (lo, hi) = stack[--top];
            if (hi <= lo) continue;
            int vp = _items[lo];
            float dv = TensorPrimitives.Distance(q, _x.AsSpan(vp * _d, _d));
            if (vp != query && (found < k || dv < tau))
            {
                int pos = found < k ? found++ : k - 1;
                while (pos > 0 && (distances[pos - 1] > dv || (distances[pos - 1] == dv && indices[pos - 1] > vp)))
                { distances[pos] = distances[pos - 1]; indices[pos] = indices[pos - 1]; pos--; }
                distances[pos] = dv; indices[pos] = vp;
                if (found == k) tau = distances[k - 1];
            }
            if (hi - lo == 1) continue;
            int mid = _mid[lo];
            float t = _threshold[lo];
            // Inner ball [lo+1, mid) holds distances ≤ t, outer [mid, hi) holds distances ≥ t.
            bool inner = dv - tau <= t, outer = dv + tau >= t;
            if (dv < t)
            {
                if (outer) stack[top++] = (mid, hi);
                if (inner) stack[top++] = (lo + 1, mid);
            }
            else
            {
                if (inner) stack[top++] = (lo + 1, mid);
                if (outer) stack[top++] = (mid, hi);
            }
        }
    }
}
