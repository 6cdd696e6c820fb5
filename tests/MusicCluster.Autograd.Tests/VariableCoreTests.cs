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
