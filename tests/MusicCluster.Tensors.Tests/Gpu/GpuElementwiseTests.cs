using System.Numerics;
using MusicCluster.Tensors;
using static MusicCluster.Tensors.Tests.Gpu.GpuCheck;

namespace MusicCluster.Tensors.Tests.Gpu;

public class GpuElementwiseTests
{
    [Fact]
    public void UploadDownloadFillAndZeros()
    {
        var rng = new SeededRandom(1);
        var x = Random(rng, -1f, 1f, 3, 7);
        var g = x.OnGpu();
        Assert.Equal(x.ToArray(), g.ToArray());
        Assert.Equal(x[2, 5], g[2, 5]);
        Assert.All(Tensor<float>.ZerosOn(Backend, 5, 3).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(Tensor<double>.FullOn(Backend, 2.5, 129).ToArray(), v => Assert.Equal(2.5, v));
        Assert.Equal(x.ToArray(), g.ToCpu().AsSpan().ToArray());
        Assert.Empty(Tensor<float>.ZerosOn(Backend, 0, 4).ToArray());
        Assert.Equal(3.5, Tensor<double>.Scalar(3.5, Backend).ToScalar());
    }

    [Fact]
    public void EveryUnaryOpMatchesCpu()
    {
        var rng = new SeededRandom(2);
        foreach (var shape in new[] { new[] { 37 }, new[] { 3, 5, 7 } })
        {
            Unary(Random(rng, -3.0, 3.0, shape), Random(rng, 0.1, 4.0, shape), 1e-12);
            Unary(Random(rng, -3f, 3f, shape), Random(rng, 0.1f, 4f, shape), 1e-5);
        }
    }

    private static void Unary<T>(Tensor<T> x, Tensor<T> positive, double rtol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = x.ToArray();
        data[0] = T.Zero; // the exact-zero branches of sign, step and relu
        data[1] = T.NaN;
        x = Tensor<T>.FromArray(data, x.Shape);
        T c(double v) => T.CreateTruncating(v);
        var cases = new (string, Func<Tensor<T>, Tensor<T>>)[]
        {
            ("neg", t => -t), ("exp", t => t.Exp()), ("abs", t => t.Abs()), ("square", t => t.Square()),
            ("relu", t => t.Relu()), ("leaky", t => t.LeakyRelu(c(0.1))), ("sigmoid", t => t.Sigmoid()), ("tanh", t => t.Tanh()),
            ("softplus", t => t.Softplus()), ("clamp", t => t.Clamp(c(-1), c(0.5))), ("add", t => t + c(0.25)), ("mul", t => t * c(-1.5)),
            ("sign", t => t.Sign()), ("step", t => t.Step(c(0.01))), ("inrange", t => t.InRange(c(-1), c(1))),
        };
        var gx = x.OnGpu();
        foreach (var (name, f) in cases) Agrees(f(x), f(gx), rtol, $"{name} {typeof(T).Name}");
        var gp = positive.OnGpu();
        foreach (var (name, f) in new (string, Func<Tensor<T>, Tensor<T>>)[] { ("log", t => t.Log()), ("sqrt", t => t.Sqrt()), ("pow", t => t.Pow(c(1.7))) })
            Agrees(f(positive), f(gp), rtol, $"{name} {typeof(T).Name}");
    }

    [Fact]
    public void EveryBinaryOpBroadcastsLikeCpu()
    {
        var rng = new SeededRandom(3);
        var a = Random(rng, 0.5, 2.0, 3, 1, 5);
        var b = Random(rng, 0.5, 2.0, 4, 1);
        var eq = Tensor<double>.FromArray([1.0, 2.0, 3.0, 4.0], 4, 1);
        var cases = new (string, Func<Tensor<double>, Tensor<double>, Tensor<double>>)[]
        {
            ("add", (x, y) => x + y), ("sub", (x, y) => x - y), ("mul", (x, y) => x * y), ("div", (x, y) => x / y),
            ("pow", (x, y) => x.Pow(y)), ("max", (x, y) => x.Maximum(y)), ("min", (x, y) => x.Minimum(y)), ("eq", (x, y) => x.EqualMask(y)),
            ("maskpos", (x, y) => x.MaskPositive(y - 1.0)),
        };
        foreach (var (name, f) in cases)
        {
            Agrees(f(a, b), f(a.OnGpu(), b.OnGpu()), 1e-12, name + " [3,1,5]⊕[4,1]");
            Agrees(f(b, a), f(b.OnGpu(), a.OnGpu()), 1e-12, name + " [4,1]⊕[3,1,5]");
        }
        // Strided (transposed) operand, scalar operand, a NaN through maximum, and an equality hit.
        var m = Random(rng, -1.0, 1.0, 6, 4);
        var r = Random(rng, -1.0, 1.0, 4, 6);
        Agrees(m.Transpose() * r, m.OnGpu().Transpose() * r.OnGpu(), 1e-12, "transposed mul");
        Agrees(2.0 - m, 2.0 - m.OnGpu(), 1e-12, "scalar − tensor");
        var withNan = Tensor<double>.FromArray([1, double.NaN, 3, 4], 4, 1);
        Agrees(withNan.Maximum(eq), withNan.OnGpu().Maximum(eq.OnGpu()), 0, "NaN maximum");
        Agrees(m.MaskPositive(r.Transpose()), m.OnGpu().MaskPositive(r.OnGpu().Transpose()), 0, "mask positive, strided gate");
        Agrees(eq.EqualMask(eq.Transpose()), eq.OnGpu().EqualMask(eq.OnGpu().Transpose()), 0, "equal mask");
        var af = Random(rng, -2f, 2f, 2, 3, 7); var bf = Random(rng, -2f, 2f, 7);
        Agrees(af * bf + af, af.OnGpu() * bf.OnGpu() + af.OnGpu(), 1e-6, "float broadcast");
    }

    [Fact]
    public void StridedCopiesOfViews()
    {
        var rng = new SeededRandom(4);
        var x = Random(rng, -1.0, 1.0, 2, 3, 4, 5);
        var g = x.OnGpu();
        Agrees(x.Permute(3, 1, 0, 2).Contiguous(), g.Permute(3, 1, 0, 2).Contiguous(), 0, "permute");
        Agrees(x.Narrow(2, 1, 2).Contiguous(), g.Narrow(2, 1, 2).Contiguous(), 0, "narrow");
        Agrees(x.Narrow(3, 1, 3).Transpose(0, 3).Clone(), g.Narrow(3, 1, 3).Transpose(0, 3).Clone(), 0, "narrow+transpose");
        Agrees(x.Select(1).Select(2), g.Select(1).Select(2), 0, "select");
        Agrees(x.Narrow(0, 1, 1).BroadcastTo(3, 3, 4, 5).Contiguous(), g.Narrow(0, 1, 1).BroadcastTo(3, 3, 4, 5).Contiguous(), 0, "broadcast view");
        Agrees(Tensor<double>.Concat(1, x, x.Narrow(1, 0, 1)), Tensor<double>.Concat(1, g, g.Narrow(1, 0, 1)), 0, "concat");
        // Rank 9 whose axes cannot merge: more than the kernel's eight.
        var nine = Random(rng, -1.0, 1.0, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        var perm = new[] { 8, 7, 6, 5, 4, 3, 2, 1, 0 };
        var err = Assert.Throws<NotSupportedException>(() => nine.OnGpu().Permute(perm).Contiguous());
        Assert.Contains("at most 8", err.Message);
        var eight = Random(rng, -1.0, 1.0, 2, 3, 2, 3, 2, 3, 2, 2);
        Agrees(eight.Permute(7, 6, 5, 4, 3, 2, 1, 0).Contiguous(), eight.OnGpu().Permute(7, 6, 5, 4, 3, 2, 1, 0).Contiguous(), 0, "rank-8 permute");
    }

    [Fact]
    public void MixingDevicesIsAClearError()
    {
        var cpu = Tensor<float>.Ones(3);
        var gpu = cpu.OnGpu();
        var e = Assert.Throws<InvalidOperationException>(() => cpu + gpu);
        Assert.Contains("different devices", e.Message);
        Assert.Throws<InvalidOperationException>(() => gpu.AsSpan());
    }
}
