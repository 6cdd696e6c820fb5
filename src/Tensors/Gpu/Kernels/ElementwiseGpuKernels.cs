using System.Numerics;
using ILGPU;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>Element-wise kernels: one thread per output element; the op code is uniform across a launch, so the switch does not diverge.</summary>
/// <remarks>Semantics follow the CPU backend exactly, NaN propagation included.</remarks>
public static class ElementwiseGpuKernels
{
    public static void Fill<T>(Index1D i, ArrayView<T> y, T value) where T : unmanaged, IFloatingPointIeee754<T> => y[i] = value;

    public static void Unary<T>(Index1D i, ArrayView<T> x, ArrayView<T> y, int op, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
        => y[i] = ApplyUnary((UnaryOp)op, x[i], p0, p1);

    public static void Binary<T>(Index1D i, ArrayView<T> a, ArrayView<T> b, ArrayView<T> y, StridedPair walk, int op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        walk.Locate(i, out int pa, out int pb);
        y[i] = ApplyBinary((BinaryOp)op, a[pa], b[pb]);
    }

    /// <summary>dst[walk.b] = src[walk.a]: a strided view onto another.</summary>
    public static void Copy<T>(Index1D i, ArrayView<T> src, ArrayView<T> dst, StridedPair walk) where T : unmanaged, IFloatingPointIeee754<T>
    {
        walk.Locate(i, out int ps, out int pd);
        dst[pd] = src[ps];
    }

    /// <summary>y[n, c, ·] += bias[c] over an [outer, channels, plane] tensor.</summary>
    public static void AddChannelBias<T>(Index1D i, ArrayView<T> y, ArrayView<T> bias, int channels, int plane) where T : unmanaged, IFloatingPointIeee754<T>
        => y[i] += bias[i / plane % channels];

    private static T ApplyUnary<T>(UnaryOp op, T x, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: return -x;
            case UnaryOp.Exp: return T.Exp(x);
            case UnaryOp.Log: return T.Log(x);
            case UnaryOp.Sqrt: return T.Sqrt(x);
            case UnaryOp.Abs: return T.Abs(x);
            case UnaryOp.Square: return x * x;
            case UnaryOp.Relu: return x > T.Zero || T.IsNaN(x) ? x : T.Zero;
            case UnaryOp.LeakyRelu: return x > T.Zero ? x : p0 * x;
            case UnaryOp.Sigmoid: return T.One / (T.One + T.Exp(-x));
            case UnaryOp.Tanh: return T.Tanh(x);
            // max(x, 0) + log1p(e^−|x|) never overflows.
            case UnaryOp.Softplus: return (x > T.Zero ? x : T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
            case UnaryOp.Clamp: return T.IsNaN(x) ? x : x < p0 ? p0 : x > p1 ? p1 : x;
            case UnaryOp.PowScalar: return T.Pow(x, p0);
            case UnaryOp.AddScalar: return x + p0;
            case UnaryOp.MulScalar: return x * p0;
            case UnaryOp.Sign: return x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
            case UnaryOp.Step: return x > T.Zero ? T.One : p0;
            case UnaryOp.InRange: return x >= p0 && x <= p1 ? T.One : T.Zero;
            default: return T.NaN;
        }
    }

    private static T ApplyBinary<T>(BinaryOp op, T x, T z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case BinaryOp.Add: return x + z;
            case BinaryOp.Sub: return x - z;
            case BinaryOp.Mul: return x * z;
            case BinaryOp.Div: return x / z;
            case BinaryOp.Pow: return T.Pow(x, z);
            case BinaryOp.Maximum: return T.IsNaN(x) || T.IsNaN(z) ? T.NaN : x > z ? x : z;
            case BinaryOp.Minimum: return T.IsNaN(x) || T.IsNaN(z) ? T.NaN : x < z ? x : z;
            case BinaryOp.Equal: return x == z ? T.One : T.Zero;
            case BinaryOp.MaskPositive: return z > T.Zero ? x : x * T.Zero;
            default: return T.NaN;
        }
    }
}
