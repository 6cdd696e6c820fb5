using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Autograd.Tests;

/// <summary>BackwardAndRecycle gives the gradients of Backward and hands only intermediate buffers back for reuse.</summary>
public class RecycleTests
{
    // Lengths no other test allocates, so the process-wide pool's reuse can be observed without interference.
    private const int Rows = 17, Cols = 241;

    [Fact]
    public void FloatGradientsMatchBackward() => GradientsMatch<float>();

    [Fact]
    public void DoubleGradientsMatchBackward() => GradientsMatch<double>();

    private static void GradientsMatch<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (plainW, plainB, plainX) = Leaves<T>();
        Loss(plainW, plainB, plainX).Backward();
        var (w, b, x) = Leaves<T>();
        var xBefore = x.Data.ToArray();
        Loss(w, b, x).BackwardAndRecycle();
        // Allocate and overwrite buffers of every length the graph used: a leaf sharing one would change.
        for (int i = 0; i < 8; i++) _ = Tensor<T>.Full(T.CreateTruncating(99), Rows, Cols) + Tensor<T>.Full(T.One, Rows, Cols);
        Assert.Equal(plainW.Grad!.ToArray(), w.Grad!.ToArray());
        Assert.Equal(plainB.Grad!.ToArray(), b.Grad!.ToArray());
        Assert.Equal(plainX.Data.ToArray(), x.Data.ToArray());
        Assert.Equal(xBefore, x.Data.ToArray());
        Assert.Equal(plainW.Data.ToArray(), w.Data.ToArray());
    }

    [Fact]
    public void IntermediateBuffersAreReusedAndLeafBuffersAreNot()
    {
        var (w, b, x) = Leaves<double>();
        var h = (x * w + b).Relu();           // intermediate [Rows, Cols]
        var viewOfLeaf = w.Reshape(Cols, Rows); // a non-leaf whose value is the parameter's own buffer
        var loss = (h.Square().Sum() + viewOfLeaf.Sum()) * 0.5;
        var intermediate = ((CpuStorage<double>)h.Data.Storage).Array;
        var parameter = ((CpuStorage<double>)w.Data.Storage).Array;
        loss.BackwardAndRecycle();
        var reused = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < 16; i++) reused.Add(((CpuStorage<double>)Tensor<double>.Zeros(Rows, Cols).Storage).Array);
        Assert.Contains(intermediate, reused);
        Assert.DoesNotContain(parameter, reused);
        Assert.DoesNotContain(((CpuStorage<double>)w.Grad!.Storage).Array, reused);
    }

    [Fact]
    public void RecycledBuffersComeBackZeroedFromZeros()
    {
        var (w, b, x) = Leaves<double>();
        Loss(w, b, x).BackwardAndRecycle();
        for (int i = 0; i < 16; i++) Assert.All(Tensor<double>.Zeros(Rows, Cols).ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void NeedsAOneElementResult()
    {
        var w = new Variable<double>(Tensor<double>.Ones(2), requiresGrad: true);
        Assert.Throws<InvalidOperationException>(() => (w * 2.0).BackwardAndRecycle());
    }

    private static (Variable<T> W, Variable<T> B, Variable<T> X) Leaves<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new SeededRandom(11);
        return (new Variable<T>(Tensor<T>.Normal(rng, T.Zero, T.One, Rows, Cols), requiresGrad: true),
            new Variable<T>(Tensor<T>.Normal(rng, T.Zero, T.One, Cols), requiresGrad: true),
            new Variable<T>(Tensor<T>.Normal(rng, T.Zero, T.One, Rows, Cols)));
    }

    private static Variable<T> Loss<T>(Variable<T> w, Variable<T> b, Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => Variable<T>.MseLoss((x * w + b).Relu(), x, Reduction.Sum) + (w.Reshape(Cols, Rows).Exp().Sum() * T.CreateTruncating(0.25));
}
