using MusicCluster.Clustering.Hierarchical;

namespace MusicCluster.Clustering.Tests.Hierarchical;

public class WardScanTests
{
    [Theory]
    [InlineData(8, 3)]
    [InlineData(40, 16)]
    [InlineData(1000, 7)]
    [InlineData(1032, 64)]
    public void BothWidthsFindTheScalarMinimumWithItsCost(int capacity, int d)
    {
        var rng = new Random(capacity + d);
        var columns = new double[capacity * d];
        var size = new double[capacity];
        for (int i = 0; i < columns.Length; i++) columns[i] = Math.Round(rng.NextDouble() * 8, 1); // coarse values: ties happen
        for (int q = 0; q < capacity; q++) size[q] = q % 11 == 5 ? double.PositiveInfinity : 1 + rng.Next(4);
        size[capacity / 2] = double.NaN; // the cluster being scanned from
        var a = new double[d];
        for (int k = 0; k < d; k++) a[k] = columns[k * capacity + capacity / 2];
        const double sa = 2;
        // Scalar reference with the same arithmetic: fused multiply-adds in k order, first minimum wins.
        double best = double.PositiveInfinity;
        int bestAt = -1;
        for (int q = 0; q < capacity; q++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++) { double t = columns[k * capacity + q] - a[k]; acc = Math.FusedMultiplyAdd(t, t, acc); }
            double cost = acc * (sa * size[q] / (sa + size[q]));
            if (cost < best) { best = cost; bestAt = q; }
        }
        // The 512-bit scan runs here even without AVX-512 (emulated), so both paths are checked on every machine.
        Assert.Equal((best, bestAt), WardScan.Nearest256(columns, size, capacity, d, a, sa));
        Assert.Equal((best, bestAt), WardScan.Nearest512(columns, size, capacity, d, a, sa));
    }
}
