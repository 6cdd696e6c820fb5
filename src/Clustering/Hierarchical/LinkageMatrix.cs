namespace MusicCluster.Clustering.Hierarchical;

/// <summary>A scipy-compatible linkage matrix: row i merges clusters Left[i] and Right[i] (ids ≥ n are earlier merges) at Height[i] into a cluster of Size[i] samples.</summary>
public sealed class LinkageMatrix
{
    internal LinkageMatrix(int n, int[] left, int[] right, double[] height, int[] size)
    { Samples = n; Left = left; Right = right; Height = height; Size = size; }

    /// <summary>Number of original samples.</summary>
    public int Samples { get; }

    /// <summary>Smaller cluster id of each merge.</summary>
    public int[] Left { get; }

    /// <summary>Larger cluster id of each merge.</summary>
    public int[] Right { get; }

    /// <summary>Merge heights, non-decreasing.</summary>
    public double[] Height { get; }

    /// <summary>Samples in the merged cluster.</summary>
    public int[] Size { get; }

    /// <summary>The (n−1)×4 matrix as scipy lays it out: [left, right, height, size] per row.</summary>
    public double[] ToArray()
    {
        var z = new double[Left.Length * 4];
        for (int i = 0; i < Left.Length; i++) { z[4 * i] = Left[i]; z[4 * i + 1] = Right[i]; z[4 * i + 2] = Height[i]; z[4 * i + 3] = Size[i]; }
        return z;
    }

    /// <summary>
    /// Flat labels 0..k−1 (numbered by first appearance in row order) from undoing the last k−1 merges,
    /// which is scipy's <c>fcluster(Z, k, 'maxclust')</c> unless merges tie in height at the cut.
    /// </summary>
    public int[] Cut(int k)
    {
        int n = Samples;
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"k must be in [1, {n}], got {k}");
        var parent = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        for (int m = 0; m < n - k; m++) { parent[Left[m]] = n + m; parent[Right[m]] = n + m; }
        var labels = new int[n];
        var names = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int r = i;
            while (parent[r] != r) r = parent[r];
            if (!names.TryGetValue(r, out int name)) { name = names.Count; names[r] = name; }
            labels[i] = name;
        }
        return labels;
    }

    /// <summary>Builds the matrix from merges given as (representative sample a, representative sample b, height) in any order.</summary>
    /// <remarks>Like scipy: a stable sort by height, then union-find relabelling so every id refers to an earlier row.</remarks>
    internal static LinkageMatrix FromMerges(int n, int[] a, int[] b, double[] h)
    {
        int m = n - 1;
        var order = new int[m];
        for (int i = 0; i < m; i++) order[i] = i;
        var keys = (double[])h.Clone();
        // Array.Sort is not stable: sort (height, original index) pairs instead.
        Array.Sort(order, (x, y) => keys[x] != keys[y] ? keys[x].CompareTo(keys[y]) : x.CompareTo(y));
        var parent = new int[2 * n - 1];
        var size = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++) { parent[i] = i; size[i] = i < n ? 1 : 0; }
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        var left = new int[m]; var right = new int[m]; var height = new double[m]; var sizes = new int[m];
        for (int r = 0; r < m; r++)
        {
            int i = order[r];
            int ra = Find(a[i]), rb = Find(b[i]);
            left[r] = Math.Min(ra, rb); right[r] = Math.Max(ra, rb);
            height[r] = h[i];
            int id = n + r;
            parent[ra] = id; parent[rb] = id;
            size[id] = size[ra] + size[rb];
            sizes[r] = size[id];
        }
        return new LinkageMatrix(n, left, right, height, sizes);
    }
}
