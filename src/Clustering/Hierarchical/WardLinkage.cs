using System.Runtime.Intrinsics;
using MusicCluster.Clustering.Common;
using MusicCluster.Tensors;

namespace MusicCluster.Clustering.Hierarchical;

/// <summary>Ward hierarchical clustering by the nearest-neighbour chain on the vectors themselves (centroids and sizes).</summary>
/// <remarks>
/// Memory is O(n·d): no n×n distance matrix. The Ward cost of merging i and j is ‖cᵢ−cⱼ‖²·mᵢmⱼ/(mᵢ+mⱼ); the reported height
/// is √(2·cost), which is scipy's <c>linkage(method='ward')</c> height. Centroids are kept dimension-major as well, so one
/// nearest-neighbour scan (<see cref="WardScan"/>) costs d fused multiply-adds per vector of clusters, all in float64.
/// Ties go to the chain's previous element, then to the lowest index, so the result is deterministic.
/// </remarks>
public static class WardLinkage
{
    /// <summary>The full dendrogram of the n×d matrix; <paramref name="progress"/>, when given, receives the share of the work done (0–1) now and then.</summary>
    public static LinkageMatrix Fit(ReadOnlySpan<float> x, int n, int d, Action<double>? progress = null)
    {
        MatrixInput.Check(x, n, d);
        if (n == 1) return LinkageMatrix.FromMerges(1, [], [], []);
        var state = new WardState(x, n, d);
        var chain = new int[n];
        int chainLength = 0;
        var ma = new int[n - 1]; var mb = new int[n - 1]; var mh = new double[n - 1];
        int reportEvery = Math.Max(1, n / 200);
        for (int merge = 0; merge < n - 1; merge++)
        {
            // A merge costs about one scan of the active clusters, so the work left falls with the square of those left.
            if (progress is not null && merge % reportEvery == 0) progress(1 - Math.Pow((double)(n - merge) / n, 2));
            if (chainLength == 0) chain[chainLength++] = state.FirstActive();
            int a, b;
            double cost;
            while (true)
            {
                a = chain[chainLength - 1];
                (b, cost) = state.Nearest(a);
                if (chainLength >= 2)
                {
                    int prev = chain[chainLength - 2];
                    if (prev == b) break;
                    if (state.Cost(a, prev) == cost) { b = prev; break; }
                }
                chain[chainLength++] = b;
            }
            chainLength -= 2;
            int lo = Math.Min(a, b), hi = Math.Max(a, b);
            ma[merge] = lo; mb[merge] = hi; mh[merge] = Math.Sqrt(2 * cost);
            state.Merge(lo, hi);
        }
        progress?.Invoke(1);
        return LinkageMatrix.FromMerges(n, ma, mb, mh);
    }

    /// <summary>The full dendrogram of the rows of an n×d tensor.</summary>
    public static LinkageMatrix Fit(Tensor<float> x) { var s = TensorRows.Of(x, out int n, out int d); return Fit(s, n, d); }

    // Active clusters live at "positions" 0..P−1 in increasing slot order; inactive positions have size +∞, which makes
    // their cost NaN (∞/∞), and NaN never wins a comparison. Positions are compacted when half of them are inactive.
    private sealed class WardState
    {
        private readonly int _d;
        private readonly double[] _centroids;   // slot-major, n×d
        private readonly double[] _slotSize;
        private double[] _columns;               // dimension-major, d×capacity
        private double[] _size;                  // per position
        private int[] _positionSlot;
        private readonly int[] _slotPosition;
        private int _positions, _active;

        public WardState(ReadOnlySpan<float> x, int n, int d)
        {
            _d = d;
            _centroids = new double[(long)n * d];
            for (int i = 0; i < _centroids.Length; i++) _centroids[i] = x[i];
            _slotSize = new double[n];
            Array.Fill(_slotSize, 1.0);
            _slotPosition = new int[n];
            _active = n;
            _columns = []; _size = []; _positionSlot = [];
            Compact(Enumerable.Range(0, n).ToArray());
        }

        private void Compact(int[] slots)
        {
            int p = slots.Length, cap = (p + 7) & ~7;
            var cols = new double[(long)_d * cap];
            var size = new double[cap];
            Array.Fill(size, double.PositiveInfinity);
            for (int q = 0; q < p; q++)
            {
                int s = slots[q];
                for (int k = 0; k < _d; k++) cols[(long)k * cap + q] = _centroids[(long)s * _d + k];
                size[q] = _slotSize[s];
                _slotPosition[s] = q;
            }
            _columns = cols; _size = size; _positionSlot = slots; _positions = p;
        }

        public int FirstActive()
        {
            for (int q = 0; q < _positions; q++) if (!double.IsPositiveInfinity(_size[q])) return _positionSlot[q];
            throw new InvalidOperationException("no active cluster left");
        }

        /// <summary>The Ward cost between two slots, with exactly the arithmetic of the vector scan.</summary>
        public double Cost(int a, int j)
        {
            double acc = 0;
            for (int k = 0; k < _d; k++) { double t = _centroids[(long)j * _d + k] - _centroids[(long)a * _d + k]; acc = Math.FusedMultiplyAdd(t, t, acc); }
            double sa = _slotSize[a], sj = _slotSize[j];
            return acc * (sa * sj / (sa + sj));
        }

        public (int Slot, double Cost) Nearest(int a)
        {
            int pa = _slotPosition[a];
            double sa = _slotSize[a];
            // Exclude a itself for this scan: NaN size gives a NaN cost.
            _size[pa] = double.NaN;
            var ca = _centroids.AsSpan(a * _d, _d);
            var (best, bestAt) = Vector512.IsHardwareAccelerated ? WardScan.Nearest512(_columns, _size, _size.Length, _d, ca, sa)
                : WardScan.Nearest256(_columns, _size, _size.Length, _d, ca, sa);
            _size[pa] = sa;
            return (_positionSlot[bestAt], best);
        }

        public void Merge(int lo, int hi)
        {
            double sl = _slotSize[lo], sh = _slotSize[hi], total = sl + sh;
            var cl = _centroids.AsSpan(lo * _d, _d);
            var ch = _centroids.AsSpan(hi * _d, _d);
            for (int k = 0; k < _d; k++) cl[k] = (sl * cl[k] + sh * ch[k]) / total;
            _slotSize[lo] = total;
            _slotSize[hi] = double.PositiveInfinity;
            int cap = _size.Length, pl = _slotPosition[lo];
            for (int k = 0; k < _d; k++) _columns[(long)k * cap + pl] = cl[k];
            _size[pl] = total;
            _size[_slotPosition[hi]] = double.PositiveInfinity;
            _active--;
            if (_active * 2 < _positions && _positions > 64)
            {
                var slots = new int[_active];
                int c = 0;
                for (int p = 0; p < _positions; p++) if (!double.IsPositiveInfinity(_size[p])) slots[c++] = _positionSlot[p];
                Compact(slots);
            }
        }
    }
}
