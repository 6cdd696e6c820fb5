using MusicCluster.Tensors;
using static MusicCluster.Autograd.Tests.Inputs;
using V = MusicCluster.Autograd.Variable<double>;

namespace MusicCluster.Autograd.Tests;

/// <summary>The checker itself: it must catch a wrong gradient and say where.</summary>
public class GradCheckTests
{
    // x² with a deliberately wrong backward (3x instead of 2x) for element 2 only.
    private static V WrongSquare(V x)
        => V.Record(x.Data.Square(), [x], g =>
        {
            var factor = Tensor<double>.FromArray([2, 2, 3, 2], 4);
            x.Accumulate(g * x.Data * factor);
        });

    [Fact]
    public void CatchesAWrongGradientAndNamesTheEntry()
    {
        var x = Tensor<double>.FromArray([0.5, -1, 2, 1.5], 4);
        var result = GradCheck.Check(v => WrongSquare(v[0]), x);
        Assert.False(result.Passed);
        Assert.Equal(0, result.InputIndex);
        Assert.Equal(2, result.ElementIndex);
        Assert.Equal(2, result.OutputIndex);
        Assert.Equal(6, result.Analytical, 12);
        Assert.Equal(4, result.Numerical, 6);
        var e = Assert.Throws<GradCheckFailedException>(() => GradCheck.Assert(v => WrongSquare(v[0]), x));
        Assert.Contains("input 0, element 2", e.Message);
        Assert.Equal([0.5, -1, 2, 1.5], x.ToArray()); // perturbations are undone
    }

    [Fact]
    public void CatchesAGradientRoutedToTheWrongInput()
    {
        // d(a·b)/da given as a instead of b: wrong for input 0 unless a == b.
        static V Wrong(V a, V b) => V.Record(a.Data * b.Data, [a, b], g => { a.Accumulate(g * a.Data); b.Accumulate(g * a.Data); });
        var result = GradCheck.Check(v => Wrong(v[0], v[1]), Normal(1, 3), Normal(2, 3));
        Assert.False(result.Passed);
        Assert.Equal(0, result.InputIndex);
    }

    [Fact]
    public void PassesACorrectGradientWithinPyTorchTolerances()
    {
        var result = GradCheck.Check(v => (v[0] * v[1]).Exp(), Normal(3, 2, 3), Normal(4, 3));
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.AbsoluteError < 1e-7, result.ToString());
        Assert.Equal(1e-6, GradCheck.DefaultEps);
        Assert.Equal(1e-5, GradCheck.DefaultAtol);
        Assert.Equal(1e-3, GradCheck.DefaultRtol);
    }

    [Fact]
    public void PerturbsViewsInPlaceAndRejectsAliasedInputs()
    {
        var storage = Normal(5, 3, 4);
        var view = storage.Transpose().Narrow(0, 1, 2);
        var before = storage.ToArray();
        Assert.True(GradCheck.Check(v => v[0].Square(), view).Passed);
        Assert.Equal(before, storage.ToArray());
        var e = Assert.Throws<ArgumentException>(() => GradCheck.Check(v => v[0].Square(), Normal(6, 3).BroadcastTo(2, 3)));
        Assert.Contains("broadcast", e.Message);
    }

    [Fact]
    public void InputsThatDoNotReachTheOutputHaveZeroGradient()
    {
        var result = GradCheck.Check(v => v[0].Exp(), Normal(7, 2), Normal(8, 2));
        Assert.True(result.Passed, result.ToString());
    }
}
