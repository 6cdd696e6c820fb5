namespace MusicCluster.Clustering.Density;

/// <summary>DBSCAN labels from three sweeps over the pairs within eps, in O(n) memory: no neighbour list is ever held.</summary>
/// <remarks>
/// Equivalent to the expansion scikit-learn runs: clusters are the connected components of core points (core–core pairs
/// within eps), numbered in the order of their lowest-index core point, and a border point takes the smallest cluster
/// number among its core neighbours (the first cluster whose expansion reaches it). Sweep 1 counts neighbours over the
/// upper triangle (each pair once), sweep 2 unites core–core pairs in a lock-free union–find (the components do not depend
/// on the order of the unions), sweep 3 labels the non-core rows.
/// </remarks>
internal static class StreamingDbscan
{
    private sealed class Counts(int n) : EpsPairSweep.Visitor
    {
        public readonly int[] PerRow = new int[n];
        public override void Visit(int i, int j) { PerRow[i]++; PerRow[j]++; }
    }

    private sealed class Unions(bool[] core, int[] parent) : EpsPairSweep.Visitor
    {
        public override void Visit(int i, int j) { if (core[j]) Union(parent, i, j); }
    }

    private sealed class Borders(bool[] core, int[] labels) : EpsPairSweep.Visitor
    {
        public override void Visit(int i, int j)
        {
            if (core[j] && (labels[i] == -1 || labels[j] < labels[i])) labels[i] = labels[j];
        }
    }

    public static (int[] Labels, bool[] Core, int Clusters) Fit(float[] x, int n, int d, double eps, int minSamples)
    {
        var sweep = new EpsPairSweep(x, n, d, eps);
        // Every point is its own neighbour.
        var counts = new int[n];
        Array.Fill(counts, 1);
        sweep.Sweep(null, upper: true, () => new Counts(n), v =>
        {
            var c = ((Counts)v).PerRow;
            for (int i = 0; i < n; i++) counts[i] += c[i];
        });
        var core = new bool[n];
        int coreCount = 0;
        for (int i = 0; i < n; i++) if (core[i] = counts[i] >= minSamples) coreCount++;
        var coreRows = new int[coreCount];
        var borderRows = new int[n - coreCount];
        for (int i = 0, c = 0, b = 0; i < n; i++) if (core[i]) coreRows[c++] = i; else borderRows[b++] = i;

        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        var unions = new Unions(core, parent);
        if (coreCount > 0) sweep.Sweep(coreRows, upper: true, () => unions, _ => { });
        var labels = new int[n];
        Array.Fill(labels, -1);
        var number = new int[n];
        Array.Fill(number, -1);
        int clusters = 0;
        foreach (int i in coreRows)
        {
            int root = Find(parent, i);
            if (number[root] < 0) number[root] = clusters++;
            labels[i] = number[root];
        }
        // Non-core rows read core labels only, and each row is written by the one thread that sweeps it.
        var borders = new Borders(core, labels);
        if (borderRows.Length > 0 && coreCount > 0) sweep.Sweep(borderRows, upper: false, () => borders, _ => { });
        return (labels, core, clusters);
    }

    private static int Find(int[] parent, int x)
    {
        while (true)
        {
            int p = Volatile.Read(ref parent[x]);
            if (p == x) return x;
            int g = Volatile.Read(ref parent[p]);
            // Path halving; a lost race only leaves a longer path.
            if (g != p) Interlocked.CompareExchange(ref parent[x], g, p);
            x = p;
        }
    }

    // Links the larger root under the smaller; retried when another thread re-rooted it first.
    private static void Union(int[] parent, int a, int b)
    {
        while (true)
        {
            a = Find(parent, a); b = Find(parent, b);
            if (a == b) return;
            if (a < b) (a, b) = (b, a);
            if (Interlocked.CompareExchange(ref parent[a], b, a) == a) return;
        }
    }
}
