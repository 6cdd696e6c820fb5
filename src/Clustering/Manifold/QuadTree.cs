namespace MusicCluster.Clustering.Manifold;

/// <summary>A 2-D quadtree of the embedding for Barnes–Hut repulsion: each cell keeps its point count and barycentre.</summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 48;
    private int[] _child = new int[64 * 4];
    private double[] _cx = new double[64], _cy = new double[64], _half = new double[64];
    private double[] _sumX = new double[64], _sumY = new double[64];
    private int[] _count = new int[64], _point = new int[64];
    private int _nodes;
    private double[] _y = [];

    /// <summary>Rebuilds the tree over the n points of y (n×2).</summary>
    public void Build(double[] y, int n)
    {
        _y = y;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]); maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]); maxY = Math.Max(maxY, y[2 * i + 1]);
        }
        double half = Math.Max(maxX - minX, maxY - minY) / 2 * (1 + 1e-5) + 1e-12;
        _nodes = 0;
        NewNode((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (int i = 0; i < n; i++) Insert(i);
    }

    private int NewNode(double cx, double cy, double half)
    {
        if (_nodes == _cx.Length)
        {
            int size = _cx.Length * 2;
            Array.Resize(ref _cx, size); Array.Resize(ref _cy, size); Array.Resize(ref _half, size);
            Array.Resize(ref _sumX, size); Array.Resize(ref _sumY, size); Array.Resize(ref _count, size);
            Array.Resize(ref _point, size); Array.Resize(ref _child, size * 4);
        }
        int id = _nodes++;
        _cx[id] = cx; _cy[id] = cy; _half[id] = half;
        _sumX[id] = 0; _sumY[id] = 0; _count[id] = 0; _point[id] = -1;
        _child[4 * id] = _child[4 * id + 1] = _child[4 * id + 2] = _child[4 * id + 3] = -1;
        return id;
    }

    private int Quadrant(int node, double x, double y) => (x >= _cx[node] ? 1 : 0) + (y >= _cy[node] ? 2 : 0);

    private int ChildFor(int node, int q)
    {
        int c = _child[4 * node + q];
        if (c >= 0) return c;
        double h = _half[node] / 2;
        c = NewNode(_cx[node] + ((q & 1) != 0 ? h : -h), _cy[node] + ((q & 2) != 0 ? h : -h), h);
        _child[4 * node + q] = c;
        return c;
    }

    private void Insert(int i)
    {
        double x = _y[2 * i], y = _y[2 * i + 1];
        int node = 0;
        for (int depth = 0; ; depth++)
        {
            bool leaf = _child[4 * node] < 0 && _child[4 * node + 1] < 0 && _child[4 * node + 2] < 0 && _child[4 * node + 3] < 0;
            if (leaf && _count[node] == 0) { _point[node] = i; Add(node, x, y); return; }
            if (leaf)
            {
                int other = _point[node];
                bool same = other >= 0 && _y[2 * other] == x && _y[2 * other + 1] == y;
                // Duplicates (and points that stay together down to the depth limit) share one leaf.
                if (same || depth >= MaxDepth) { Add(node, x, y); return; }
                // Push the resident point down, then carry on inserting.
                int q0 = Quadrant(node, _y[2 * other], _y[2 * other + 1]);
                int c0 = ChildFor(node, q0);
                _point[c0] = other;
                Add(c0, _y[2 * other], _y[2 * other + 1]);
                _point[node] = -1;
            }
            Add(node, x, y);
            node = ChildFor(node, Quadrant(node, x, y));
        }
    }

    private void Add(int node, double x, double y) { _count[node]++; _sumX[node] += x; _sumY[node] += y; }

    /// <summary>
    /// Repulsive force on point i: accumulates Σ size·q² (y_i − barycentre) into (fx, fy) and returns Σ size·q,
    /// where q = 1/(1 + ‖y_i − barycentre‖²), summarising a cell when width²/dist² &lt; θ².
    /// </summary>
    public double Repulsion(int i, double theta2, out double fx, out double fy)
    {
        double x = _y[2 * i], y = _y[2 * i + 1];
        fx = 0; fy = 0;
        double sumQ = 0;
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            int count = _count[node];
            if (count == 0) continue;
            double bx = _sumX[node] / count, by = _sumY[node] / count;
            double dx = x - bx, dy = y - by;
            double dist2 = dx * dx + dy * dy;
            bool leaf = _child[4 * node] < 0 && _child[4 * node + 1] < 0 && _child[4 * node + 2] < 0 && _child[4 * node + 3] < 0;
            if (leaf && dist2 <= 1e-12 && Math.Abs(dx) <= 1e-6 && Math.Abs(dy) <= 1e-6) continue;
            double width = 2 * _half[node];
            if (leaf || width * width < theta2 * dist2)
            {
                double q = 1.0 / (1.0 + dist2);
                sumQ += count * q;
                double m = count * q * q;
                fx += m * dx; fy += m * dy;
                continue;
            }
            for (int c = 3; c >= 0; c--) { int ch = _child[4 * node + c]; if (ch >= 0) stack[top++] = ch; }
        }
        return sumQ;
    }
}
