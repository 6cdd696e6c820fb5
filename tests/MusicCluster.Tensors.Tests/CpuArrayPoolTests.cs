using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>The pool behind CpuBackend.Recycle: exact lengths, never the same array twice, zeroed when Zeros asks.</summary>
public class CpuArrayPoolTests
{
    [Fact]
    public void RecycledStorageIsReusedOnceAndZeroedForZeros()
    {
        const int length = 3001; // used by no other test
        var t = Tensor<float>.Full(5f, length);
        var array = ((CpuStorage<float>)t.Storage).Array;
        CpuBackend.Instance.Recycle(t.Storage);
        CpuBackend.Instance.Recycle(t.Storage); // a second hand-back must not make it available twice
        var first = Tensor<float>.Zeros(length);
        var second = Tensor<float>.Zeros(length);
        Assert.Same(array, ((CpuStorage<float>)first.Storage).Array);
        Assert.NotSame(array, ((CpuStorage<float>)second.Storage).Array);
        Assert.All(first.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void SmallArraysAreLeftToTheGarbageCollector()
    {
        var t = Tensor<double>.Full(1.0, CpuArrayPool<double>.MinLength - 1);
        CpuBackend.Instance.Recycle(t.Storage);
        Assert.NotSame(((CpuStorage<double>)t.Storage).Array, ((CpuStorage<double>)Tensor<double>.Zeros(CpuArrayPool<double>.MinLength - 1).Storage).Array);
    }
}
