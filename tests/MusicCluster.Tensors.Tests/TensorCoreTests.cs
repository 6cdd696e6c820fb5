using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

public class TensorCoreTests
{
    private static Tensor<double> T(double[] data, params int[] shape) => Tensor<double>.FromArray(data, shape);

    [Fact]
    public void BroadcastAddMatchesNumpyRules()
    {
        var a = T([1, 2, 3, 4, 5, 6], 2, 3);
        var b = T([10, 20, 30], 3);
        Assert.Equal([11, 22, 33, 14, 25, 36], (a + b).ToArray());
        var col = T([100, 200], 2, 1);
        Assert.Equal([101, 102, 103, 204, 205, 206], (a + col).ToArray());
        var e = Assert.Throws<ArgumentException>(() => a + T([1, 2], 2));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2]", e.Message);
    }

    [Fact]
    public void ScalarOpsAndUnaryMath()
    {
        var a = T([-2, -0.5, 0, 0.5, 2], 5);
        Assert.Equal([0, 0, 0, 0.5, 2], a.Relu().ToArray());
        Assert.Equal([-0.2, -0.05, 0, 0.5, 2], a.LeakyRelu(0.1).ToArray(), new Tol(1e-15));
        Assert.Equal([-1, -0.5, 0, 0.5, 1], a.Clamp(-1, 1).ToArray());
        Assert.Equal([3, 1.5, 1, 0.5, -1], (1.0 - a).ToArray());
        Assert.Equal([-1, -0.25, 0, 0.25, 1], (a / 2.0).ToArray());
        Assert.Equal(Math.Log(1 + Math.Exp(2.0)), a.Softplus().ToArray()[4], 12);
        Assert.Equal(1000.0, T([1000], 1).Softplus().ToScalar(), 9);
    }

    [Fact]
    public void ReductionsOverAnyAxisSet()
    {
        var x = Tensor<double>.Arange(24).Reshape(2, 3, 4);
        Assert.Equal(276, x.Sum().ToScalar());
        Assert.Equal([3, 4], x.Sum(0).Shape);
        Assert.Equal([12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], x.Sum(0).ToArray());
        var s02 = x.Sum([0, 2], keepDims: true);
        Assert.Equal([1, 3, 1], s02.Shape);
        Assert.Equal([6 + 54, 22 + 70, 38 + 86], s02.ToArray());
        Assert.Equal([11, 23], x.Max([1, 2]).ToArray());
        Assert.Equal([3, 3, 3, 3, 3, 3], x.ArgMax(2).ToArray());
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2], x.ArgMax(1).ToArray());
        var v = T([1, 2, 3, 4], 4).Variance();
        Assert.Equal(5.0 / 3.0, v.ToScalar(), 12);
        Assert.Equal(1.25, T([1, 2, 3, 4], 4).Variance(unbiased: false).ToScalar(), 12);
    }

    [Fact]
    public void ViewsShareStorageAndCopyWhenStrided()
    {
        var x = Tensor<double>.Arange(6).Reshape(2, 3);
        var t = x.Transpose();
        Assert.False(t.IsContiguous);
        Assert.Equal([0, 3, 1, 4, 2, 5], t.ToArray());
        Assert.Equal([0, 3, 1, 4, 2, 5], t.Reshape(6).ToArray());
        Assert.Equal([3, 4, 5], x.Select(1).ToArray());
        Assert.Equal([1, 2, 4, 5], x.Narrow(1, 1, 2).ToArray());
        Assert.Equal([2, 1, 3], x.Unsqueeze(1).Shape);
        var c = Tensor<double>.Concat(1, x, x.Narrow(1, 0, 1));
        Assert.Equal([0, 1, 2, 0, 3, 4, 5, 3], c.ToArray());
        Assert.Equal([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], Tensor<double>.Concat(0, x, x).ToArray());
        Assert.Equal([2, 3], x.Sum(0, keepDims: true).BroadcastTo(2, 3).Shape);
    }

    [Fact]
    public void MatMulReadsTransposedViewsInPlace()
    {
        var rng = new SeededRandom(1);
        var a = Tensor<double>.Normal(rng, 0, 1, 5, 4);
        var b = Tensor<double>.Normal(rng, 0, 1, 5, 3);
        var viaView = Tensor<double>.MatMul(a.Transpose(), b);
        var viaFlag = Tensor<double>.MatMul(a, b, transposeA: true);
        var viaCopy = Tensor<double>.MatMul(a.Transpose().Clone(), b);
        Assert.Equal(viaCopy.ToArray(), viaView.ToArray());
        Assert.Equal(viaCopy.ToArray(), viaFlag.ToArray());
        var batched = Tensor<double>.MatMul(Tensor<double>.Normal(rng, 0, 1, 2, 5, 4), Tensor<double>.Normal(rng, 0, 1, 4, 3));
        Assert.Equal([2, 5, 3], batched.Shape);
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.MatMul(a, a));
        Assert.Contains("[5, 4]", e.Message);
    }

    [Fact]
    public void SumToShapeUndoesBroadcast()
    {
        var g = Tensor<double>.Ones(2, 3, 4);
        Assert.Equal([6, 6, 6, 6], g.SumToShape([4]).ToArray());
        Assert.Equal([1, 3, 1], g.SumToShape([1, 3, 1]).Shape);
        Assert.Equal([8, 8, 8], g.SumToShape([1, 3, 1]).ToArray());
    }

    [Fact]
    public void SeededRandomIsReproducibleAndRestorable()
    {
        var r1 = new SeededRandom(42);
        var state = r1.GetState();
        var first = Enumerable.Range(0, 5).Select(_ => r1.NextUInt64()).ToArray();
        var r2 = new SeededRandom(7);
        r2.SetState(state);
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => r2.NextUInt64()).ToArray());
        Assert.NotEqual(new SeededRandom(42, 1).NextUInt64(), new SeededRandom(42).NextUInt64());
        var n = Tensor<double>.Normal(new SeededRandom(3), 0, 1, 20000).ToArray();
        Assert.InRange(n.Average(), -0.03, 0.03);
        Assert.InRange(n.Select(v => v * v).Average(), 0.97, 1.03);
    }

    [Fact]
    public void ConvTransposeIsTheAdjointOfConv()
    {
        // <conv(x), y> == <x, convᵀ(y)> for the same weight: the defining property of the transpose.
        var rng = new SeededRandom(5);
        var x = Tensor<double>.Normal(rng, 0, 1, 2, 3, 7, 6);
        var w = Tensor<double>.Normal(rng, 0, 1, 4, 3, 3, 2);
        var y = Tensor<double>.Conv2d(x, w, stride: 2, padding: 1);
        var r = Tensor<double>.Normal(rng, 0, 1, y.Shape);
        var lhs = (y * r).Sum().ToScalar();
        var back = Tensor<double>.ConvTranspose2d(r, w, stride: 2, padding: 1);
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(lhs, (x * back).Sum().ToScalar(), 9);
    }

    private sealed class Tol(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double v) => 0;
    }
}
