using System.Numerics;
using System.Numerics.Tensors;
using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Density;

/// <summary>Visits every pair of rows within eps by blocked GEMM distances, exact at the boundary, holding nothing but one block per thread.</summary>
/// <remarks>
/// Squared distances come from ‖x‖² − 2x·y + ‖y‖² in float32 on column-centred data; pairs whose value lies within a
/// rounding-error margin of eps² are decided again in float64 from the original values, so the result is the same as
/// comparing exact float64 distances (summed as <see cref="KdTree.SquaredDistance"/> sums them).
/// </remarks>
internal sealed class EpsPairSweep
{
    private const int RowChunk = 128;
    private const int ColumnBlock = 4096;
    private readonly float[] _x, _xc, _norms;
    private readonly int _n, _d;
    private readonly double _r2, _unit;

    /// <summary>Receives the pairs one thread finds; one instance per thread, so it needs no locking.</summary>
    public abstract class Visitor
    {
        /// <summary>Row <paramref name="i"/> (a swept row) and column row <paramref name="j"/> are within eps.</summary>
        public abstract void Visit(int i, int j);
    }

    public EpsPairSweep(float[] x, int n, int d, double eps)
    {
        _x = x; _n = n; _d = d;
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        _xc = new float[x.Length];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) _xc[i * d + j] = (float)(x[i * d + j] - mean[j] / n);
        _norms = new float[n];
        SquaredDistances.RowNorms(_xc, n, d, _norms);
        _r2 = eps * eps;
        // Bound on the float32 error of one squared distance, per unit of (‖a‖² + ‖b‖²), with a safety factor.
        _unit = 8.0 * (d + 2) * 6e-8;
    }

    /// <summary>
    /// For each row i in <paramref name="rows"/> (ascending; null = all) visits every row j within eps — only j &gt; i when
    /// <paramref name="upper"/> — in parallel over row chunks. Each thread gets its own visitor from <paramref name="create"/>,
    /// and <paramref name="finish"/> sees every visitor once at the end, one at a time.
    /// </summary>
    public void Sweep(int[]? rows, bool upper, Func<Visitor> create, Action<Visitor> finish)
    {
        int count = rows?.Length ?? _n, d = _d;
        int chunks = FixedChunks.Count(count, RowChunk);
        var gate = new object();
        // Buffers live per thread, not per chunk: memory stays one block per thread and nothing is allocated in the loop.
        var options = new ParallelOptions { MaxDegreeOfParallelism = FixedChunks.ForceSerial ? 1 : Environment.ProcessorCount };
        Parallel.For(0, chunks, options, () => new Buffers(create(), d), (chunk, _, state) =>
        {
            int c0 = chunk * RowChunk, r = Math.Min(RowChunk, count - c0);
            var (visitor, index, block, a, na) = (state.Visitor, state.Index, state.Block, state.Rows, state.Norms);
            for (int t = 0; t < r; t++)
            {
                int i = rows?[c0 + t] ?? c0 + t;
                index[t] = i;
                _xc.AsSpan(i * d, d).CopyTo(a.AsSpan(t * d, d));
                na[t] = _norms[i];
            }
            int firstColumn = upper ? index[0] + 1 : 0;
            for (int b0 = firstColumn; b0 < _n; b0 += ColumnBlock)
            {
                int cols = Math.Min(ColumnBlock, _n - b0);
                SquaredDistances.Block(a.AsSpan(0, r * d), na.AsSpan(0, r), r, _xc.AsSpan(b0 * d, cols * d), _norms.AsSpan(b0, cols), cols, d, block.AsSpan(0, r * cols));
                float maxNorm = TensorPrimitives.Max(_norms.AsSpan(b0, cols));
                for (int t = 0; t < r; t++) Row(block.AsSpan(t * cols, cols), index[t], na[t], maxNorm, b0, upper, visitor);
            }
            return state;
        }, state => { lock (gate) finish(state.Visitor); });
    }

    private sealed class Buffers(Visitor visitor, int d)
    {
        public readonly Visitor Visitor = visitor;
        public readonly int[] Index = new int[RowChunk];
        public readonly float[] Block = new float[RowChunk * ColumnBlock];
        public readonly float[] Rows = new float[RowChunk * d];
        public readonly float[] Norms = new float[RowChunk];
    }

    private void Row(ReadOnlySpan<float> row, int i, double na, float maxNorm, int b0, bool upper, Visitor visitor)
    {
        int w = Vector<float>.Count, cols = row.Length;
        // Most pairs are far apart: skip whole vectors that are above every pair's upper threshold.
        var limit = new Vector<float>((float)((_r2 + _unit * (na + maxNorm)) * 1.0001));
        int j0 = 0;
        for (; j0 + w <= cols; j0 += w)
            if (Vector.LessThanOrEqualAny(new Vector<float>(row.Slice(j0, w)), limit))
                for (int j = j0; j < j0 + w; j++) Decide(row[j], i, b0 + j, na, upper, visitor);
        for (int j = j0; j < cols; j++) Decide(row[j], i, b0 + j, na, upper, visitor);
    }

    private void Decide(double s, int i, int j, double na, bool upper, Visitor visitor)
    {
        if (upper && j <= i) return;
        double margin = _unit * (na + _norms[j]);
        if (s > _r2 + margin) return;
        if (s < _r2 - margin || Exact(i, j) <= _r2) visitor.Visit(i, j);
    }

    // Same summation order as KdTree.SquaredDistance, so both paths decide boundary pairs identically.
    private double Exact(int a, int b)
    {
        double s = 0;
        for (int j = 0; j < _d; j++) { double t = (double)_x[a * _d + j] - _x[b * _d + j]; s += t * t; }
        return s;
    }
}
