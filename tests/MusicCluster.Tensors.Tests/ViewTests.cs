using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Views of views: shapes, strides and offsets compose, share storage, and copy only when they must.</summary>
public class ViewTests
{
    private static Tensor<double> Seq(params int[] shape) => Tensor<double>.Arange(TensorShape.Numel(shape)).Reshape(shape);

    // Element (i, j, k) of Seq(2, 3, 4) is 12i + 4j + k.
    [Fact]
    public void ViewsOfViewsIndexTheRightElements()
    {
        var x = Seq(2, 3, 4);
        var v = x.Permute(2, 0, 1).Narrow(0, 1, 2).Transpose(1, 2).Narrow(2, 1, 1); // [2, 3, 1]
        Assert.Equal([2, 3, 1], v.Shape);
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal(12 * 1 + 4 * b + (a + 1), v[a, b, 0]);
        Assert.Equal([13, 17, 21, 14, 18, 22], v.ToArray());
        Assert.Equal([13, 17, 21, 14, 18, 22], v.Squeeze(2).Reshape(6).ToArray());
        Assert.Equal([14, 18, 22], v.Select(1).Squeeze(-1).ToArray());
    }

    [Fact]
    public void ViewsShareStorageWithTheirBase()
    {
        var x = Seq(3, 4);
        var window = x.Transpose().Narrow(0, 1, 2).Narrow(1, 1, 2); // x[1:3, 1:3]ᵀ
        Assert.Same(x.Storage, window.Storage);
        window.CopyFrom(Tensor<double>.FromArray([-1, -2, -3, -4], 2, 2));
        Assert.Equal([0, 1, 2, 3, 4, -1, -3, 7, 8, -2, -4, 11], x.ToArray());
        var row = x.Select(2);
        row.CopyFrom(Tensor<double>.Scalar(9)); // broadcast on copy
        Assert.Equal([9, 9, 9, 9], x.Select(2).ToArray());
    }

    [Fact]
    public void ReshapeOfAStridedViewCopiesAndOfAContiguousViewDoesNot()
    {
        var x = Seq(2, 3);
        var flat = x.Reshape(3, 2);
        Assert.Same(x.Storage, flat.Storage);
        var t = x.Transpose();
        var copied = t.Reshape(6);
        Assert.NotSame(x.Storage, copied.Storage);
        Assert.Equal([0, 3, 1, 4, 2, 5], copied.ToArray());
        var rows = Seq(4, 3).Slice(1, 2); // contiguous with an offset
        Assert.True(rows.IsContiguous);
        Assert.Equal(3, rows.Offset);
        Assert.Same(rows.Storage, rows.Reshape(6).Storage);
        Assert.Equal([3, 4, 5, 6, 7, 8], rows.Reshape(-1).ToArray());
    }

    [Fact]
    public void CloneAndContiguousAreIndependentCopiesOnlyWhenNeeded()
    {
        var x = Seq(2, 3);
        Assert.Same(x, x.Contiguous());
        var t = x.Transpose();
        var c = t.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal(0, c.Offset);
        var clone = x.Clone();
        clone.CopyFrom(Tensor<double>.Zeros(2, 3));
        Assert.Equal([0, 1, 2, 3, 4, 5], x.ToArray());
    }

    [Fact]
    public void UnsqueezeAndSqueezeWithNegativeAxes()
    {
        var x = Seq(2, 3);
        Assert.Equal([2, 3, 1], x.Unsqueeze(-1).Shape);
        Assert.Equal([2, 1, 3], x.Unsqueeze(-2).Shape);
        Assert.Equal([1, 2, 3], x.Unsqueeze(0).Shape);
        Assert.Equal([2, 3], x.Unsqueeze(-1).Squeeze(-1).Shape);
        Assert.Equal([0, 3, 1, 4, 2, 5], x.Transpose().Unsqueeze(1).ToArray());
        var e = Assert.Throws<ArgumentException>(() => x.Squeeze(1));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(4));
    }

    [Fact]
    public void ViewErrorsNameTheShape()
    {
        var x = Seq(2, 3, 4);
        Assert.Contains("[2, 3, 4]", Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 2, 2)).Message);
        Assert.Contains("[2, 3, 4]", Assert.Throws<ArgumentException>(() => x.Permute(0, 1)).Message);
        Assert.Contains("[0, 0, 1]", Assert.Throws<ArgumentException>(() => x.Permute(0, 0, 1)).Message);
        var e = Assert.Throws<ArgumentException>(() => x.Reshape(5, 5));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[5, 5]", e.Message);
        Assert.Throws<ArgumentException>(() => x.Reshape(-1, -1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Transpose(0, 3));
    }
}
