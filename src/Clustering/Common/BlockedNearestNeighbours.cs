using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Clustering.Common;

/// <summary>Exact k nearest neighbours of every row by blocked GEMM distances: for more than a handful of dimensions a tree
/// prunes little, while n²·d multiply-adds in a GEMM run near the FMA peak.</summary>
/// <remarks>Candidates are ranked by ‖b‖² − 2a·b on centred rows (the query's own norm is constant along its row); the best
/// k + <see cref="Margin"/> are re-ranked by their exact float64 distance, so float32 cancellation cannot change the result.</remarks>
internal static class BlockedNearestNeighbours
{
    /// <summary>Extra candidates kept for the exact re-ranking.</summary>
    public const int Margin = 16;

    private const int RowBlock = 64, ColumnBlock = 1024; // one 256 KiB distance tile per thread, below the GEMM's threading threshold

    /// <summary>Fills nbr[i·k..] with the k nearest other rows of row i (ascending by exact squared distance, then index) and
    /// dist[i·k..] with those squared distances.</summary>
    public static void Find(float[] x, int n, int d, int k, Span<int> nbr, Span<float> dist)
    {
        if (k < 1 || k > n - 1) throw new ArgumentOutOfRangeException(nameof(k), $"k must be in 1..{n - 1}, got {k}");
        var centred = Centred(x, n, d);
        var norms = new float[n];
        SquaredDistances.RowNorms(centred, n, d, norms);
        int m = Math.Min(n - 1, k + Margin);
        var nbrs = new int[(long)n * k];
        var dists = new float[(long)n * k];
        FixedChunks.For(n, RowBlock, (_, start, end) =>
        {
            int rows = end - start;
            var tile = new float[RowBlock * ColumnBlock];
            var keys = new float[RowBlock * m];
            var ids = new int[RowBlock * m];
            var counts = new int[RowBlock];
            for (int c0 = 0; c0 < n; c0 += ColumnBlock)
            {
                int cols = Math.Min(ColumnBlock, n - c0);
                Gemm.Multiply(false, true, rows, cols, d, centred.AsSpan(start * d, rows * d), d, centred.AsSpan(c0 * d, cols * d), d, tile, cols);
                for (int r = 0; r < rows; r++)
                    Scan(tile.AsSpan(r * cols, cols), norms.AsSpan(c0, cols), c0, start + r, keys.AsSpan(r * m, m), ids.AsSpan(r * m, m), ref counts[r]);
            }
            var exact = new (double Distance, int Id)[m];
            for (int r = 0; r < rows; r++)
            {
                int i = start + r;
                var cand = ids.AsSpan(r * m, m);
                for (int q = 0; q < m; q++) exact[q] = (SquaredDistances.Exact(x.AsSpan(i * d, d), x.AsSpan(cand[q] * d, d)), cand[q]);
                // Ascending distance, ties by index: the same order whatever order the heap left the candidates in.
                exact.AsSpan().Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Id.CompareTo(b.Id));
                for (int q = 0; q < k; q++) { nbrs[(long)i * k + q] = exact[q].Id; dists[(long)i * k + q] = (float)exact[q].Distance; }
            }
        }, workPerItem: (long)n * d);
        nbrs.CopyTo(nbr);
        dists.CopyTo(dist);
    }

    private static float[] Centred(float[] x, int n, int d)
    {
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        var c = new float[(long)n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) c[i * d + j] = (float)(x[i * d + j] - mean[j] / n);
        return c;
    }

    // Keeps the m smallest keys ‖b‖² − 2a·b of one row in a max-heap; the vector test skips the (vast) majority at once.
    private static void Scan(Span<float> dots, ReadOnlySpan<float> norms, int c0, int self, Span<float> keys, Span<int> ids, ref int count)
    {
        int m = keys.Length, j = 0;
        TensorPrimitives.MultiplyAdd(dots, -2f, norms, dots);
        if (count == m && Vector256.IsHardwareAccelerated)
            for (; j + Vector256<float>.Count <= dots.Length; j += Vector256<float>.Count)
            {
                var below = Vector256.LessThan(Vector256.Create<float>(dots.Slice(j, Vector256<float>.Count)), Vector256.Create(keys[0]));
                if (below == Vector256<float>.Zero) continue;
                for (int t = 0; t < Vector256<float>.Count; t++) Offer(dots[j + t], c0 + j + t, self, keys, ids, ref count);
            }
        for (; j < dots.Length; j++) Offer(dots[j], c0 + j, self, keys, ids, ref count);
    }

    private static void Offer(float key, int id, int self, Span<float> keys, Span<int> ids, ref int count)
    {
        if (id == self) return;
        int m = keys.Length;
        if (count < m)
        {
            // Sift up.
            int c = count++;
            while (c > 0 && keys[(c - 1) / 2] < key) { keys[c] = keys[(c - 1) / 2]; ids[c] = ids[(c - 1) / 2]; c = (c - 1) / 2; }
            keys[c] = key; ids[c] = id;
            return;
        }
        if (!(key < keys[0])) return;
        // Replace the root and sift down.
        int p = 0;
        while (true)
        {
            int l = 2 * p + 1;
            if (l >= m) break;
            int big = l + 1 < m && keys[l + 1] > keys[l] ? l + 1 : l;
            if (!(keys[big] > key)) break;
            keys[p] = keys[big]; ids[p] = ids[big]; p = big;
        }
        keys[p] = key; ids[p] = id;
    }
}
