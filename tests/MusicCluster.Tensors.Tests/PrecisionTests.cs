using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>The same ops in float32 and float64, each against a float64 scalar reference within its own precision.</summary>
public abstract class PrecisionTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Relative tolerance for this element type.</summary>
    protected abstract double Tolerance { get; }

    private static readonly double[] Values = [-3.5, -1.25, -0.5, -1e-3, 0, 2e-3, 0.75, 1.5, 4, 12];

    private Tensor<T> X => Tensor<T>.FromArray(Values.Select(T.CreateTruncating).ToArray(), 2, 5);

    private void AssertClose(Func<double, double> reference, Tensor<T> actual, double[]? inputs = null)
    {
        inputs ??= Values;
        var got = actual.ToArray();
        Assert.Equal(inputs.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            double expected = reference(inputs[i]), value = double.CreateTruncating(got[i]);
            if (double.IsNaN(expected)) { Assert.True(double.IsNaN(value), $"element {i}: expected NaN, got {value}"); continue; }
            Assert.True(Math.Abs(value - expected) <= Tolerance * (1 + Math.Abs(expected)),
                $"{typeof(T).Name} element {i} (x = {inputs[i]}): {value:R} vs {expected:R}");
        }
    }

    [Fact]
    public void UnaryMath()
    {
        var x = X;
        AssertClose(v => -v, x.Neg());
        AssertClose(Math.Exp, x.Exp());
        AssertClose(Math.Abs, x.Abs());
        AssertClose(v => v * v, x.Square());
        AssertClose(v => Math.Max(v, 0), x.Relu());
        AssertClose(v => v > 0 ? v : 0.1 * v, x.LeakyRelu(T.CreateTruncating(0.1)));
        AssertClose(v => 1 / (1 + Math.Exp(-v)), x.Sigmoid());
        AssertClose(Math.Tanh, x.Tanh());
        AssertClose(v => Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v))), x.Softplus());
        AssertClose(v => Math.Clamp(v, -1, 1), x.Clamp(-T.One, T.One));
        AssertClose(v => Math.Sign(v), x.Sign());
        AssertClose(v => v > 0 ? 1 : 0.5, x.Step(T.CreateTruncating(0.5)));
        AssertClose(v => v >= -0.5 && v <= 0.75 ? 1 : 0, x.InRange(T.CreateTruncating(-0.5), T.CreateTruncating(0.75)));
        var positive = x.Abs() + T.One;
        var p = Values.Select(v => Math.Abs(v) + 1).ToArray();
        AssertClose(Math.Log, positive.Log(), p);
        AssertClose(Math.Sqrt, positive.Sqrt(), p);
        AssertClose(v => Math.Pow(v, -1.5), positive.Pow(T.CreateTruncating(-1.5)), p);
    }

    [Fact]
    public void BinaryAndScalarArithmetic()
    {
        var x = X;
        var y = x.Transpose().Contiguous().Transpose() * T.CreateTruncating(0.5) + T.CreateTruncating(2); // same values, other layout
        AssertClose(v => v + (0.5 * v + 2), x + y);
        AssertClose(v => v - (0.5 * v + 2), x - y);
        AssertClose(v => v * (0.5 * v + 2), x * y);
        AssertClose(v => v / (0.5 * v + 2), x / y);
        AssertClose(v => Math.Max(v, 0.5 * v + 2), x.Maximum(y));
        AssertClose(v => Math.Min(v, 0.5 * v + 2), x.Minimum(y));
        AssertClose(v => v == 0 ? 1 : 0, x.EqualMask(x.ZerosLike()));
        AssertClose(v => 3 - v, T.CreateTruncating(3) - x);
        AssertClose(v => 3 / (v * v + 1), T.CreateTruncating(3) / (x.Square() + T.One));
        AssertClose(v => v / 4, x / T.CreateTruncating(4));
    }

    [Fact]
    public void ReductionsMatMulAndConvolution()
    {
        var x = X;
        Assert.Equal(Values.Sum(), double.CreateTruncating(x.Sum().ToScalar()), Tolerance * 20);
        Assert.Equal(Values.Max(), double.CreateTruncating(x.Max().ToScalar()));
        double mean = Values.Average(), var = Values.Sum(v => (v - mean) * (v - mean)) / (Values.Length - 1);
        Assert.Equal(var, double.CreateTruncating(x.Variance().ToScalar()), Tolerance * 100);

        var a = Tensor<T>.Normal(new SeededRandom(2), T.Zero, T.One, 3, 5);
        var b = Tensor<T>.Normal(new SeededRandom(3), T.Zero, T.One, 5, 4);
        var c = Tensor<T>.MatMul(a, b);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                double s = 0;
                for (int k = 0; k < 5; k++) s += double.CreateTruncating(a[i, k]) * double.CreateTruncating(b[k, j]);
                Assert.Equal(s, double.CreateTruncating(c[i, j]), Tolerance * 10);
            }

        // A 1×1 convolution is a matmul over channels.
        var img = Tensor<T>.Normal(new SeededRandom(4), T.Zero, T.One, 1, 3, 2, 2);
        var w = Tensor<T>.Normal(new SeededRandom(5), T.Zero, T.One, 2, 3, 1, 1);
        var conv = Tensor<T>.Conv2d(img, w);
        var viaMatMul = Tensor<T>.MatMul(w.Reshape(2, 3), img.Reshape(3, 4)).Reshape(1, 2, 2, 2);
        var diff = (conv - viaMatMul).Abs().Max().ToScalar();
        Assert.True(double.CreateTruncating(diff) < Tolerance * 10);
    }
}

/// <summary>float32.</summary>
public class FloatPrecisionTests : PrecisionTests<float>
{
    protected override double Tolerance => 2e-6;
}

/// <summary>float64.</summary>
public class DoublePrecisionTests : PrecisionTests<double>
{
    protected override double Tolerance => 1e-14;
}
