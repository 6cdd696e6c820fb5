using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Reductions on empty and size-1 axes, rank 0, strided inputs and every axis subset, as PyTorch defines them.</summary>
public class ReductionEdgeTests
{
    private static Tensor<double> Seq(params int[] shape) => Tensor<double>.Arange(TensorShape.Numel(shape)).Reshape(shape);

    [Fact]
    public void EmptyAxes()
    {
        var x = Tensor<double>.Zeros(2, 0, 3);
        Assert.Equal([2, 3], x.Sum(1).Shape);
        Assert.Equal(new double[6], x.Sum(1).ToArray());             // torch: zeros
        Assert.All(x.Mean(1).ToArray(), v => Assert.True(double.IsNaN(v))); // torch: nan
        Assert.Equal([2, 1, 3], x.Sum(1, keepDims: true).Shape);
        Assert.Equal([0], x.Sum([0, 2]).Shape);
        Assert.Equal(0, x.Sum().ToScalar());
        Assert.Equal([2, 0], x.Max(2).Shape);                        // the reduced axis is not empty: an empty result
        var e = Assert.Throws<InvalidOperationException>(() => x.Max(1)); // torch: error, reduction over an empty axis
        Assert.Contains("[2, 0, 3]", e.Message);
        Assert.Throws<InvalidOperationException>(() => x.ArgMax(1));
        Assert.All(x.Variance([1]).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.All(x.Variance([1], unbiased: false).ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void SizeOneAxes()
    {
        var x = Seq(2, 1, 3);
        Assert.Equal(x.Reshape(2, 3).ToArray(), x.Sum(1).ToArray());
        Assert.Equal(x.ToArray(), x.Max(1, keepDims: true).ToArray());
        Assert.Equal(x.ToArray(), x.Mean(1, keepDims: true).ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0], x.ArgMax(1).ToArray());
        Assert.Equal(new double[6], x.Variance([1], unbiased: false).ToArray());
        Assert.All(x.Variance([1]).ToArray(), v => Assert.True(double.IsNaN(v))); // N − 1 = 0, as torch.var
    }

    [Fact]
    public void RankZero()
    {
        var s = Tensor<double>.Scalar(4);
        Assert.Equal(4, s.Sum().ToScalar());
        Assert.Equal(4, s.Mean().ToScalar());
        Assert.Equal(4, s.Max().ToScalar());
        Assert.Empty(s.Sum(keepDims: true).Shape);
        Assert.Equal([1], s.Reshape(1).Shape);
        Assert.Equal(4, Tensor<double>.Scalar(2).Square().ToScalar());
    }

    [Fact]
    public void EveryAxisSubsetMatchesANaiveLoop()
    {
        var rng = new SeededRandom(11);
        var x = Tensor<double>.Normal(rng, 0, 1, 3, 4, 2, 5);
        var strided = x.Permute(3, 1, 0, 2); // [5, 4, 3, 2], not contiguous
        foreach (var source in new[] { x, strided })
        {
            for (int mask = 1; mask < 16; mask++)
            {
                var axes = Enumerable.Range(0, 4).Where(a => (mask & (1 << a)) != 0).ToArray();
                var (sum, max, mean) = Naive(source, axes);
                Assert.Equal(sum, source.Sum(axes).ToArray(), new Tol(1e-12));
                Assert.Equal(max, source.Max(axes).ToArray());
                Assert.Equal(mean, source.Mean(axes, keepDims: true).ToArray(), new Tol(1e-12));
            }
        }
    }

    [Fact]
    public void ArgMaxTakesTheFirstOfTiesAndReductionsRejectBadAxes()
    {
        var x = Tensor<double>.FromArray([1, 3, 3, 2, 2, 2], 2, 3);
        Assert.Equal([1, 0], x.ArgMax(1).ToArray());
        Assert.Equal([1, 0, 0], x.ArgMax(0).ToArray());
        Assert.Equal([2, 1], x.ArgMax(-1, keepDims: true).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Throws<ArgumentException>(() => x.Sum([1, -1]));
    }

    private static (double[] Sum, double[] Max, double[] Mean) Naive(Tensor<double> x, int[] axes)
    {
        var shape = x.Shape;
        var outShape = Enumerable.Range(0, shape.Length).Select(a => axes.Contains(a) ? 1 : shape[a]).ToArray();
        int n = TensorShape.Numel(outShape), count = axes.Aggregate(1, (p, a) => p * shape[a]);
        var sum = new double[n]; var max = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
        var idx = new int[shape.Length];
        for (int flat = 0; flat < x.Length; flat++)
        {
            int rem = flat;
            for (int a = shape.Length - 1; a >= 0; a--) { idx[a] = rem % shape[a]; rem /= shape[a]; }
            int o = 0;
            for (int a = 0; a < shape.Length; a++) o = o * outShape[a] + (axes.Contains(a) ? 0 : idx[a]);
            double v = x[idx];
            sum[o] += v;
            max[o] = Math.Max(max[o], v);
        }
        return (sum, max, sum.Select(s => s / count).ToArray());
    }

    private sealed class Tol(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double v) => 0;
    }
}
