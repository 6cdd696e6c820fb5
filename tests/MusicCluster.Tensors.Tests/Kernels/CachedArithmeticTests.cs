using System.Numerics.Tensors;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

/// <summary>The cached-store arithmetic gives TensorPrimitives' bits for every length, operand order and aliasing.</summary>
public class CachedArithmeticTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(100_003)]
    public void MatchesTensorPrimitivesBitForBit(int n)
    {
        var rng = new Random(n);
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = (float)(rng.NextDouble() * 4 - 2); y[i] = (float)(rng.NextDouble() * 4 - 2); }
        if (n > 3) { x[1] = float.NaN; y[2] = 0f; x[3] = float.PositiveInfinity; }
        float s = 0.37f;
        float[] ours = new float[n], theirs = new float[n];

        CachedArithmetic.Apply<float, AddOp<float>>(x, y, ours); TensorPrimitives.Add(x, y, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, SubtractOp<float>>(x, y, ours); TensorPrimitives.Subtract(x, y, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, MultiplyOp<float>>(x, y, ours); TensorPrimitives.Multiply(x, y, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, DivideOp<float>>(x, y, ours); TensorPrimitives.Divide(x, y, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, SubtractOp<float>>(x, s, ours); TensorPrimitives.Subtract(x, s, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, DivideOp<float>>(s, x, ours); TensorPrimitives.Divide(s, x, theirs); AssertBits(theirs, ours);
        CachedArithmetic.Apply<float, SubtractOp<float>>(s, x, ours); TensorPrimitives.Subtract(s, x, theirs); AssertBits(theirs, ours);

        // In place: the result overwrites an operand.
        float[] inPlace = (float[])x.Clone();
        CachedArithmetic.Apply<float, MultiplyOp<float>>(inPlace, y, inPlace);
        TensorPrimitives.Multiply(x, y, theirs);
        AssertBits(theirs, inPlace);

        double[] xd = Array.ConvertAll(x, v => (double)v), yd = Array.ConvertAll(y, v => (double)v + 1e-9), od = new double[n], td = new double[n];
        CachedArithmetic.Apply<double, AddOp<double>>(xd, yd, od); TensorPrimitives.Add(xd, yd, td);
        Assert.Equal(td, od);
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CachedArithmetic.Apply<float, AddOp<float>>(new float[4], new float[5], new float[4]));
        Assert.Contains("4 and 5 elements", error.Message);
    }

    private static void AssertBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
