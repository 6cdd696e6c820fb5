using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Every shape error is an exception whose message prints both shapes involved.</summary>
public class ShapeErrorTests
{
    private static void NamesBoth(Exception e, string first, string second)
    {
        Assert.Contains(first, e.Message);
        Assert.Contains(second, e.Message);
    }

    [Fact]
    public void ElementwiseOps()
    {
        var a = Tensor<float>.Zeros(2, 3);
        var b = Tensor<float>.Zeros(4, 3);
        NamesBoth(Assert.Throws<ArgumentException>(() => a + b), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a - b), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a * b), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a / b), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a.Pow(b)), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a.Maximum(b)), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a.EqualMask(b)), "[2, 3]", "[4, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => a.CopyFrom(b)), "[4, 3]", "[2, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => b.SumToShape([2, 3])), "[4, 3]", "[2, 3]");
    }

    [Fact]
    public void MatMul()
    {
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.MatMul(Tensor<float>.Zeros(2, 3), Tensor<float>.Zeros(4, 5))), "[2, 3]", "[4, 5]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.MatMul(Tensor<float>.Zeros(2, 2, 3), Tensor<float>.Zeros(3, 3, 5))), "[2, 2, 3]", "[3, 3, 5]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.MatMul(Tensor<float>.Zeros(3), Tensor<float>.Zeros(3, 5))), "[3]", "[3, 5]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.MatMul(Tensor<float>.Zeros(2, 3), Tensor<float>.Zeros(2, 3), transposeB: false)), "[2, 3]", "[2, 3]");
    }

    [Fact]
    public void Convolutions()
    {
        var x = Tensor<float>.Zeros(1, 3, 5, 5);
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.Conv2d(x, Tensor<float>.Zeros(2, 4, 3, 3))), "[1, 3, 5, 5]", "[2, 4, 3, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.Conv2d(x, Tensor<float>.Zeros(2, 3, 7, 7))), "[1, 3, 5, 5]", "[2, 3, 7, 7]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.Conv2d(x, Tensor<float>.Zeros(2, 3, 3))), "[1, 3, 5, 5]", "[2, 3, 3]");
        Assert.Contains("[3]", Assert.Throws<ArgumentException>(() => Tensor<float>.Conv2d(x, Tensor<float>.Zeros(2, 3, 3, 3), Tensor<float>.Zeros(3))).Message);
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.ConvTranspose2d(x, Tensor<float>.Zeros(2, 3, 3, 3))), "[1, 3, 5, 5]", "[2, 3, 3, 3]");
        Assert.Throws<ArgumentException>(() => Tensor<float>.ConvTranspose2d(x, Tensor<float>.Zeros(3, 2, 3, 3), stride: 2, outputPadding: 2));
    }

    [Fact]
    public void ShapeOps()
    {
        var x = Tensor<float>.Zeros(2, 3);
        NamesBoth(Assert.Throws<ArgumentException>(() => x.Reshape(4, 2)), "[2, 3]", "[4, 2]");
        NamesBoth(Assert.Throws<ArgumentException>(() => x.BroadcastTo(2, 4)), "[2, 3]", "[2, 4]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.Concat(1, x, Tensor<float>.Zeros(3, 3))), "[2, 3]", "[3, 3]");
        NamesBoth(Assert.Throws<ArgumentException>(() => Tensor<float>.FromArray(new float[5], 2, 3)), "[2, 3]", "5");
    }
}
