using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>Gradient checks of the shape ops: reshape, permute, transpose, narrow, slice, (un)squeeze, broadcast, concat.</summary>
public class ShapeGradCheckTests
{
    private static void Check(Func<V[], V> f, params Tensor<double>[] inputs) => Assert.True(GradCheck.Assert(f, inputs).Passed);

    // A fixed, non-uniform weighting, so a gradient routed to the wrong element cannot pass.
    private static V Weighted(V y) => y * new V(Uniform(99, 0.5, 2, y.Shape));

    [Fact]
    public void ReshapePermuteTranspose()
    {
        var x = Normal(31, 2, 3, 4);
        Check(v => Weighted(v[0].Reshape(4, -1)), x);
        Check(v => Weighted(v[0].Permute(2, 0, 1)), x);
        Check(v => Weighted(v[0].Permute(-1, 1, 0)), x);
        Check(v => Weighted(v[0].Transpose(0, 2)), x);
        Check(v => Weighted(v[0].Transpose()), x);
        Check(v => Weighted(v[0].Transpose().Reshape(2, 12)), x); // reshape of a strided view copies
        Check(v => Weighted(v[0].Reshape(6, 4)), Normal(32, 4, 6).Transpose()); // non-contiguous input
    }

    [Fact]
    public void NarrowSliceSqueezeUnsqueeze()
    {
        var x = Normal(33, 4, 3, 5);
        Check(v => Weighted(v[0].Narrow(2, 1, 3)), x);
        Check(v => Weighted(v[0].Narrow(-2, 2, 1)), x);
        Check(v => Weighted(v[0].Slice(1, 2)), x);
        Check(v => Weighted(v[0].Slice(1, 2).Narrow(2, 1, 3).Transpose(0, 2)), x); // views of views
        Check(v => Weighted(v[0].Unsqueeze(1)), x);
        Check(v => Weighted(v[0].Unsqueeze(-1)), x);
        Check(v => Weighted(v[0].Narrow(1, 0, 1).Squeeze(1)), x);
        Check(v => Weighted(v[0].Unsqueeze(0).Squeeze(-4)), x);
        Check(v => Weighted(v[0].Narrow(0, 1, 2)), Normal(34, 3, 6).Transpose()); // narrow of a transposed input
    }

    [Fact]
    public void BroadcastToSumsTheGradientBack()
    {
        Check(v => Weighted(v[0].BroadcastTo(2, 3, 4)), Normal(35, 3, 1));
        Check(v => Weighted(v[0].BroadcastTo(3, 2)), Normal(36, 2));
        Check(v => Weighted(v[0].BroadcastTo(2, 3)), Normal(37, 3, 2).Transpose().Narrow(0, 0, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void ConcatOnEveryAxis(int axis)
    {
        int a = axis < 0 ? axis + 3 : axis;
        int[] s1 = [2, 3, 4], s2 = [2, 3, 4];
        s1[a] = 1; s2[a] = 2;
        var x = Normal(38, s1);
        var y = Normal(39, s2);
        var z = Normal(40, 2, 3, 4);
        Check(v => Weighted(V.Concat(axis, v[0], v[1], v[2])), x, y, z);
        Check(v => Weighted(V.Concat(axis, v[0], v[0].Exp())), z); // the same value twice
    }

    [Fact]
    public void ConcatOfViewsAndConstants()
    {
        var x = Normal(41, 4, 3).Transpose(); // [3, 4]
        var constant = new V(Normal(42, 3, 2));
        Check(v => Weighted(V.Concat(1, v[0], constant, v[0].Narrow(1, 1, 2))), x);
    }
}
