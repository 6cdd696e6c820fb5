using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>numpy broadcasting rules at their edges: rank 0, size-0 and size-1 axes, stride-0 views, errors.</summary>
public class BroadcastingTests
{
    private static Tensor<double> Seq(params int[] shape) => Tensor<double>.Arange(TensorShape.Numel(shape)).Reshape(shape);

    [Fact]
    public void RankZeroBroadcastsAgainstAnything()
    {
        var s = Tensor<double>.Scalar(10);
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.Length);
        var x = Seq(2, 3);
        Assert.Equal([10, 11, 12, 13, 14, 15], (x + s).ToArray());
        Assert.Equal([10, 9, 8, 7, 6, 5], (s - x).ToArray());
        Assert.Empty((s * s).Shape);
        Assert.Equal(100, (s * s).ToScalar());
    }

    [Fact]
    public void ResultShapeIsTheAxisWiseMaximum()
    {
        Assert.Equal([2, 3, 4], TensorShape.Broadcast([1, 3, 1], [2, 1, 4], "t"));
        Assert.Equal([5, 2, 3], TensorShape.Broadcast([5, 1, 1], [2, 3], "t"));
        Assert.Equal([4], TensorShape.Broadcast([], [4], "t"));
        var a = Seq(1, 3, 1);
        var b = Seq(2, 1, 4) * 10.0;
        var sum = a + b;
        Assert.Equal([2, 3, 4], sum.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(j + 10.0 * (i * 4 + k), sum[i, j, k]);
    }

    [Fact]
    public void SizeZeroAxesBroadcastAgainstOneAndGiveEmptyResults()
    {
        var empty = Tensor<double>.Zeros(0, 3);
        Assert.Equal([0, 3], (empty + Seq(3)).Shape);
        Assert.Equal([0, 3], (empty * Seq(1, 3)).Shape);
        Assert.Equal([2, 0], (Seq(2, 1) - Tensor<double>.Zeros(0)).Shape);
        Assert.Empty((empty + Seq(3)).ToArray());
        var e = Assert.Throws<ArgumentException>(() => empty + Seq(2, 3));
        Assert.Contains("[0, 3]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void StrideZeroViewsAreReadNotCopied()
    {
        var row = Seq(3);
        var wide = row.BroadcastTo(4, 3);
        Assert.Equal([0, 1], wide.Strides);
        Assert.False(wide.IsContiguous);
        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], wide.ToArray());
        Assert.Equal([0, 2, 4, 0, 2, 4, 0, 2, 4, 0, 2, 4], (wide + wide).ToArray());
        Assert.Equal([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], (wide + 1.0).ToArray()); // unary on a broadcast view
        var column = Seq(4, 1).BroadcastTo(4, 3);
        Assert.Equal([0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5], (wide + column).ToArray());
        Assert.Equal([0, 4, 8], wide.Sum(0).ToArray());
        Assert.Equal(12, wide.Sum().ToScalar());
    }

    [Fact]
    public void BroadcastingTransposedAndNarrowedOperands()
    {
        var t = Seq(3, 2).Transpose();          // [2, 3], strides [1, 2]
        var n = Seq(4, 5).Narrow(1, 2, 3);      // [4, 3] with an offset
        var col = Seq(4, 1);
        Assert.Equal([0, 2, 4, 1, 3, 5], t.ToArray());
        Assert.Equal([2, 3, 4, 8, 9, 10, 14, 15, 16, 20, 21, 22], (n + col).ToArray());
        var prod = t.Unsqueeze(0) * n.Narrow(0, 1, 2).Unsqueeze(1); // [1,2,3] * [2,1,3] → [2,2,3]
        Assert.Equal([2, 2, 3], prod.Shape);
        Assert.Equal([0, 16, 36, 7, 24, 45, 0, 26, 56, 12, 39, 70], prod.ToArray());
    }

    [Fact]
    public void BroadcastToRejectsIncompatibleTargetsNamingBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Seq(2, 3).BroadcastTo(3));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3]", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Seq(3, 2).BroadcastTo(3, 3));
        Assert.Contains("[3, 2]", e2.Message);
        Assert.Contains("[3, 3]", e2.Message);
    }

    [Fact]
    public void SumToShapeIsTheAdjointOfBroadcast()
    {
        // <broadcast(x), y> == <x, sum_to(y)> for every pair of shapes.
        var rng = new SeededRandom(3);
        (int[] small, int[] big)[] pairs = [([3], [2, 3]), ([1, 3, 1], [2, 3, 4]), ([], [2, 2]), ([4, 1], [4, 5]), ([2, 1, 3], [5, 2, 4, 3])];
        foreach (var (small, big) in pairs)
        {
            var x = Tensor<double>.Normal(rng, 0, 1, small);
            var y = Tensor<double>.Normal(rng, 0, 1, big);
            double lhs = (x.BroadcastTo(big) * y).Sum().ToScalar();
            var back = y.SumToShape(small);
            Assert.Equal(small, back.Shape);
            Assert.Equal(lhs, (x * back).Sum().ToScalar(), 10);
        }
    }
}
