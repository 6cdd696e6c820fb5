using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Concat on every axis, of views and of empty parts, with errors naming both shapes.</summary>
public class ConcatTests
{
    private static Tensor<double> Seq(double start, params int[] shape)
        => Tensor<double>.Arange(TensorShape.Numel(shape)).Reshape(shape) + start;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(-3)]
    public void ConcatOnEveryAxisPlacesEachPartWhereNarrowFindsIt(int axis)
    {
        int a = axis < 0 ? axis + 3 : axis;
        int[] s1 = [2, 3, 4], s2 = [2, 3, 4], s3 = [2, 3, 4];
        s1[a] = 1; s2[a] = 2; s3[a] = 3;
        var p1 = Seq(0, s1); var p2 = Seq(100, s2); var p3 = Seq(200, s3);
        var c = Tensor<double>.Concat(axis, p1, p2, p3);
        int[] expected = [2, 3, 4];
        expected[a] = 6;
        Assert.Equal(expected, c.Shape);
        Assert.Equal(p1.ToArray(), c.Narrow(a, 0, 1).ToArray());
        Assert.Equal(p2.ToArray(), c.Narrow(a, 1, 2).ToArray());
        Assert.Equal(p3.ToArray(), c.Narrow(a, 3, 3).ToArray());
    }

    [Fact]
    public void ConcatOfStridedViewsAndEmptyParts()
    {
        var t = Seq(0, 3, 2).Transpose();            // [2, 3]
        var n = Seq(10, 2, 5).Narrow(1, 1, 2);       // [2, 2]
        var empty = Tensor<double>.Zeros(2, 0);
        var c = Tensor<double>.Concat(1, t, empty, n);
        Assert.Equal([2, 5], c.Shape);
        Assert.Equal([0, 2, 4, 11, 12, 1, 3, 5, 16, 17], c.ToArray());
        Assert.Equal([4, 3], Tensor<double>.Concat(0, Tensor<double>.Zeros(0, 3), Seq(0, 4, 3)).Shape);
        Assert.NotSame(t.Storage, c.Storage); // concat copies
    }

    [Fact]
    public void ConcatOfOnePartIsACopy()
    {
        var x = Seq(0, 2, 2);
        var c = Tensor<double>.Concat(0, x);
        Assert.Equal(x.ToArray(), c.ToArray());
        Assert.NotSame(x.Storage, c.Storage);
    }

    [Fact]
    public void ConcatErrorsNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0, Tensor<double>.Zeros(2, 3), Tensor<double>.Zeros(2, 4)));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
        var rank = Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0, Tensor<double>.Zeros(2, 3), Tensor<double>.Zeros(2, 3, 1)));
        Assert.Contains("[2, 3, 1]", rank.Message);
        Assert.Throws<ArgumentException>(() => Tensor<double>.Concat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor<double>.Concat(2, Tensor<double>.Zeros(2, 3)));
    }
}
