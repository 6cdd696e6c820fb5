using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Autograd.Tests;

public class VariableCoreTests
{
    [Fact]
    public void ReusedValueAccumulatesGradientThroughMatMulAndBroadcastAdd()
    {
        // y = sum((x·W + b) + (x·W + b)) → dW = 2·xᵀ·1, db = 2·rows, dx = 2·1·Wᵀ.
        var x = new Variable<double>(Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 2, 3), requiresGrad: true);
        var w = new Variable<double>(Tensor<double>.FromArray([1, 0, 0, 1, 1, 1], 3, 2), requiresGrad: true);
        var b = new Variable<double>(Tensor<double>.FromArray([0.5, -0.5], 2), requiresGrad: true);
        var h = Variable<double>.MatMul(x, w) + b;
        var y = h + h;
        var total = new Variable<double>(Tensor<double>.Ones(2, 2), false);
        var s = Variable<double>.MatMul(new Variable<double>(Tensor<double>.Ones(1, 2)), y);
        Variable<double>.MatMul(s, new Variable<double>(Tensor<double>.Ones(2, 1))).Backward();
        Assert.Equal([10, 10, 14, 14, 18, 18], w.Grad!.ToArray());
        Assert.Equal([4, 4], b.Grad!.ToArray());
        Assert.Equal([2, 2, 4, 2, 2, 4], x.Grad!.ToArray());
        Assert.Null(total.Grad);
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var w = new Variable<double>(Tensor<double>.Ones(1, 1), requiresGrad: true);
        using (GradMode.Disable())
        {
            var y = w + w;
            Assert.False(y.RequiresGrad);
            Assert.Throws<InvalidOperationException>(() => y.Backward());
        }
        Assert.True((w + w).RequiresGrad);
        Assert.False(w.Detach().RequiresGrad);
    }
}

public class VariableGradientTests
{
    [Fact]
    public void LeafGradientsAreOwnedCopiesNotSharedViews()
    {
        // a + b hands the same gradient tensor to both parents; each leaf must get its own packed copy.
        var a = new Variable<double>(Tensor<double>.Zeros(2, 3), requiresGrad: true);
        var b = new Variable<double>(Tensor<double>.Zeros(2, 3), requiresGrad: true);
        var c = new Variable<double>(Tensor<double>.Zeros(3), requiresGrad: true);
        ((a + b) * 2.0 + c).Sum().Backward();
        Assert.NotSame(a.Grad, b.Grad);
        Assert.NotSame(a.Grad!.Storage, b.Grad!.Storage);
        a.Grad.AsSpan().Fill(0); // an optimizer zeroing or clipping in place must not touch b
        Assert.Equal([2, 2, 2, 2, 2, 2], b.Grad.ToArray());
        // Sum's backward is a broadcast view; the leaf still gets a contiguous tensor of its own.
        var x = new Variable<double>(Tensor<double>.Ones(4, 3), requiresGrad: true);
        x.Sum().Backward();
        Assert.True(x.Grad!.IsContiguous);
        Assert.Equal(12, x.Grad.Storage.Length);
        Assert.Equal([2, 2, 2], c.Grad!.ToArray());
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardPassesAndIntermediatesAreNotKept()
    {
        var w = new Variable<double>(Tensor<double>.FromArray([1, 2], 2), requiresGrad: true);
        var h = w.Square();
        h.Sum().Backward();
        Assert.Equal([2, 4], w.Grad!.ToArray());
        w.Square().Sum().Backward();
        Assert.Equal([4, 8], w.Grad!.ToArray()); // as PyTorch: leaf gradients add up until cleared
        Assert.Null(h.Grad);
    }

    [Fact]
    public void BackwardChecksShapesAndScalarness()
    {
        var w = new Variable<double>(Tensor<double>.Ones(2, 2), requiresGrad: true, name: "w");
        var e = Assert.Throws<InvalidOperationException>(() => (w * 2.0).Backward());
        Assert.Contains("[2, 2]", e.Message);
        var mismatch = Assert.Throws<InvalidOperationException>(() => w.Accumulate(Tensor<double>.Ones(3)));
        Assert.Contains("[3]", mismatch.Message);
        Assert.Contains("[2, 2]", mismatch.Message);
        Assert.Contains("w", mismatch.Message);
    }

    [Fact]
    public void DeepChainsDoNotOverflowTheStack()
    {
        var x = new Variable<double>(Tensor<double>.Scalar(1), requiresGrad: true);
        var y = x;
        for (int i = 0; i < 20_000; i++) y = y * 1.0 + 0.0; // 40,000 nodes deep
        y.Backward();
        Assert.Equal(1, x.Grad!.ToScalar());
    }

    [Fact]
    public void OpsOnConstantsRecordNothingAndNoGradScopesNest()
    {
        var c = new Variable<double>(Tensor<double>.Ones(2));
        Assert.False((c.Exp() + c).RequiresGrad);
        var w = new Variable<double>(Tensor<double>.Ones(2), requiresGrad: true);
        using (GradMode.Disable())
        {
            using (GradMode.Disable()) Assert.False(GradMode.Enabled);
            Assert.False(GradMode.Enabled);
            Assert.False(Variable<double>.Linear(w.Unsqueeze(0), w.Unsqueeze(0)).RequiresGrad);
        }
        Assert.True(GradMode.Enabled);
        Assert.True(w.Relu().RequiresGrad);
    }

    [Fact]
    public void BatchedMatMulWithASharedMatrixSumsItsGradient()
    {
        var rng = new SeededRandom(4);
        var a = Tensor<double>.Normal(rng, 0, 1, 3, 2, 4);
        var b = Tensor<double>.Normal(rng, 0, 1, 4, 5);
        var vb = new Variable<double>(b, requiresGrad: true);
        Variable<double>.MatMul(new Variable<double>(a), vb).Sum().Backward();
        // d/dB Σ A_i·B = Σ_i A_iᵀ·1
        var expected = Tensor<double>.MatMul(a.Reshape(6, 4), Tensor<double>.Ones(6, 5), transposeA: true);
        Assert.Equal(expected.ToArray(), vb.Grad!.ToArray());
    }

    [Fact]
    public void BackwardUsesTheTensorsSavedAtForwardTime()
    {
        var w = new Variable<double>(Tensor<double>.FromArray([1, 2], 2), requiresGrad: true);
        var y = w.Square().Sum();
        w.Data = Tensor<double>.FromArray([10, 20], 2); // an optimizer step between forward and backward
        y.Backward();
        Assert.Equal([2, 4], w.Grad!.ToArray());
    }
}
