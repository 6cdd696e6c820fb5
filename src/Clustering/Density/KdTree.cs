namespace MusicCluster.Clustering.Density;

/// <summary>A k-d tree over the rows of an n×d float32 matrix for radius and k-nearest-neighbour queries (exact, float64 distances).</summary>
/// <remarks>Splits at the median of the widest dimension; leaves hold up to <see cref="LeafSize"/> points and every node keeps its bounding box for pruning.</remarks>
public sealed class KdTree
{
    /// <summary>Maximum points per leaf.</summary>
    public const int LeafSize = 24;

    private readonly float[] _x;
    private readonly int _d;
    private readonly int[] _index;
    private readonly List<(int Start, int End, int Left, int Right)> _build = new();
    private readonly List<float> _buildLo = new(), _buildHi = new();
    private readonly (int Start, int End, int Left, int Right)[] _nodes;
    private readonly float[] _lo, _hi;

    /// <summary>Builds the tree; the data array is kept by reference and must not change.</summary>
    public KdTree(float[] x, int n, int d)
    {
        _x = x; _d = d; Count = n;
        _index = new int[n];
        for (int i = 0; i < n; i++) _index[i] = i;
        if (n > 0) Build(0, n);
        _nodes = _build.ToArray(); _lo = _buildLo.ToArray(); _hi = _buildHi.ToArray();
        _build.Clear(); _buildLo.Clear(); _buildHi.Clear();
    }

    /// <summary>Number of points.</summary>
    public int Count { get; }

    private int Build(int start, int end)
    {
        int node = _build.Count;
        _build.Add((start, end, -1, -1));
        int d = _d;
        var lo = new float[d]; var hi = new float[d];
        Array.Fill(lo, float.PositiveInfinity); Array.Fill(hi, float.NegativeInfinity);
        for (int p = start; p < end; p++)
        {
            int b = _index[p] * d;
            for (int j = 0; j < d; j++) { float v = _x[b + j]; if (v < lo[j]) lo[j] = v; if (v > hi[j]) hi[j] = v; }
        }
        _buildLo.AddRange(lo); _buildHi.AddRange(hi);
        if (end - start <= LeafSize) return node;
        int dim = 0;
        for (int j = 1; j < d; j++) if (hi[j] - lo[j] > hi[dim] - lo[dim]) dim = j;
        if (hi[dim] == lo[dim]) return node;
        int mid = (start + end) / 2;
        SelectNth(start, end, mid, dim);
        int left = Build(start, mid);
        int right = Build(mid, end);
        _build[node] = (start, end, left, right);
        return node;
    }

    // Quickselect (Hoare partition, median-of-three pivot): afterwards _index[mid] holds the median along dim,
    // smaller-or-equal coordinates before it and larger-or-equal after. O(n) per level instead of a full sort.
    private void SelectNth(int start, int end, int nth, int dim)
    {
        int lo = start, hi = end - 1;
        float Key(int p) => _x[_index[p] * _d + dim];
        while (lo < hi)
        {
            int m = lo + (hi - lo) / 2;
            if (Key(m) < Key(lo)) Swap(m, lo);
            if (Key(hi) < Key(lo)) Swap(hi, lo);
            if (Key(hi) < Key(m)) Swap(hi, m);
            float pivot = Key(m);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Key(i) < pivot) i++;
                while (Key(j) > pivot) j--;
                if (i <= j) { Swap(i, j); i++; j--; }
            }
            if (nth <= j) hi = j;
            else if (nth >= i) lo = i;
            else return;
        }
    }

    private void Swap(int a, int b) => (_index[a], _index[b]) = (_index[b], _index[a]);

    private double MinDistanceToBox(int node, ReadOnlySpan<float> q)
    {
        double s = 0;
        int b = node * _d;
        for (int j = 0; j < _d; j++)
        {
            double v = q[j], t = 0;
            if (v < _lo[b + j]) t = _lo[b + j] - v;
            else if (v > _hi[b + j]) t = v - _hi[b + j];
            s += t * t;
        }
        return s;
    }

    /// <summary>Squared distance in float64, summed dimension by dimension (scikit-learn's order, so boundary cases agree).</summary>
    public double SquaredDistance(int i, ReadOnlySpan<float> q)
    {
        double s = 0;
        int b = i * _d;
        for (int j = 0; j < _d; j++) { double t = (double)_x[b + j] - q[j]; s += t * t; }
        return s;
    }

    // Partial sums of squares only grow, so stopping once past r2 cannot change the answer.
    private bool WithinSquared(int i, ReadOnlySpan<float> q, double r2)
    {
        double s = 0;
        int b = i * _d;
        for (int j = 0; j < _d; j++)
        {
            double t = (double)_x[b + j] - q[j];
            s += t * t;
            if (s > r2) return false;
        }
        return true;
    }

    /// <summary>Appends every point within distance <paramref name="radius"/> (inclusive) of q to <paramref name="result"/>.</summary>
    public void Radius(ReadOnlySpan<float> q, double radius, List<int> result)
    {
        if (Count == 0) return;
        double r2 = radius * radius;
        Span<int> stack = stackalloc int[128];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            if (MinDistanceToBox(node, q) > r2) continue;
            var (start, end, left, right) = _nodes[node];
            if (left < 0)
            {
                for (int p = start; p < end; p++) if (WithinSquared(_index[p], q, r2)) result.Add(_index[p]);
                continue;
            }
            stack[top++] = right;
            stack[top++] = left;
        }
    }

    /// <summary>The k nearest points to q (q itself included if it is a row), nearest first, with squared distances.</summary>
    public void Nearest(ReadOnlySpan<float> q, int k, Span<int> indices, Span<double> squared)
    {
        int found = 0;
        Span<int> stack = stackalloc int[128];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            if (found == k && MinDistanceToBox(node, q) >= squared[k - 1]) continue;
            var (start, end, left, right) = _nodes[node];
            if (left < 0)
            {
                for (int p = start; p < end; p++)
                {
                    int i = _index[p];
                    double s = SquaredDistance(i, q);
                    if (found == k && s >= squared[k - 1]) continue;
                    int pos = found < k ? found++ : k - 1;
                    while (pos > 0 && (squared[pos - 1] > s || (squared[pos - 1] == s && indices[pos - 1] > i)))
                    { squared[pos] = squared[pos - 1]; indices[pos] = indices[pos - 1]; pos--; }
                    squared[pos] = s; indices[pos] = i;
                }
                continue;
            }
            // Visit the nearer child first so the k-th distance shrinks early.
            double dl = MinDistanceToBox(left, q), dr = MinDistanceToBox(right, q);
            if (dl <= dr) { stack[top++] = right; stack[top++] = left; }
            else { stack[top++] = left; stack[top++] = right; }
        }
    }
}
