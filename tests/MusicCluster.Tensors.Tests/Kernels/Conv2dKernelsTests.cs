using System.Numerics;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

public class Conv2dKernelsTests
{
    public static TheoryData<Conv2dGeometry> Geometries => new()
    {
        new(1, 1, 5, 5, 1, 3, 3),
        new(2, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1),
        new(3, 2, 9, 8, 5, 4, 4, 2, 2, 1, 1),
        new(2, 4, 10, 7, 3, 3, 2, 2, 1, 2, 0),
        new(1, 5, 6, 11, 2, 1, 5, 1, 2, 0, 2),
        new(2, 1, 8, 8, 6, 2, 3, 2, 2, 0, 1),
        new(1, 3, 4, 4, 2, 5, 5, 1, 1, 2, 2),
        new(8, 8, 16, 16, 8, 3, 3, 1, 1, 1, 1), // big enough to run images in parallel
        new(32, 4, 8, 8, 6, 4, 4, 2, 2, 1, 1),
        // Batches above 8: several images per GEMM (with a shorter last run) and unequal weight-gradient groups.
        new(19, 3, 9, 11, 5, 4, 4, 2, 2, 1, 1),
        new(13, 2, 12, 9, 3, 3, 3, 2, 2, 0, 0),
        new(11, 3, 10, 10, 4, 3, 3, 2, 2, 2, 2),
        new(17, 2, 7, 9, 3, 3, 3, 1, 1, 1, 1),
        // Rows wide enough for several 16-float stride-2 vector steps plus a scalar tail.
        new(9, 2, 6, 70, 3, 4, 4, 2, 2, 1, 1),
        new(10, 1, 5, 67, 2, 3, 5, 1, 2, 1, 2),
        // Odd extents, stride 3, padding beyond the stride, stride beyond the kernel.
        new(2, 3, 9, 7, 4, 4, 4, 2, 2, 1, 1),
        new(2, 2, 11, 10, 3, 3, 5, 3, 2, 2, 3),
        new(1, 2, 7, 8, 2, 2, 2, 3, 3, 0, 1),
        new(3, 1, 5, 9, 2, 5, 3, 2, 3, 3, 0),
        // Stride 2 with output rows of 8 or 16 (float runs these from phase planes): fewer output channels than a
        // micro-tile, several tiles plus an edge, odd kernels (phases with unequal tap counts), padding 0 and above the
        // stride, and inputs that are not twice the output (the input gradient then takes the im2col path).
        new(3, 3, 32, 32, 5, 4, 4, 2, 2, 1, 1),
        new(2, 4, 16, 16, 7, 4, 4, 2, 2, 1, 1),
        new(10, 3, 16, 16, 35, 4, 4, 2, 2, 1, 1),
        new(3, 2, 16, 32, 13, 3, 3, 2, 2, 1, 1),
        new(2, 3, 16, 16, 4, 5, 5, 2, 2, 2, 2),
        new(2, 3, 15, 16, 4, 5, 5, 2, 2, 2, 2),
        new(9, 2, 18, 34, 3, 4, 4, 2, 2, 0, 0),
        new(2, 2, 16, 16, 3, 2, 2, 2, 2, 0, 0),
        new(2, 2, 28, 28, 3, 4, 4, 2, 2, 3, 3),
        new(2, 3, 16, 16, 4, 1, 1, 2, 2, 0, 0), // a 1×1 kernel: three of the four input phases get no gradient at all
    };

    [Fact]
    public void BatchResultsEqualPerImageResultsBitForBit()
    {
        // A batch is split over the cores, a single image lets its GEMMs use them: the numbers must not notice.
        var g = new Conv2dGeometry(16, 8, 16, 16, 16, 4, 4, 2, 2, 1, 1);
        var rng = new Random(7);
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * g.OutHeight * g.OutWidth;
        float[] x = Cast<float>(Random(rng, g.Batch * inImage)), w = Cast<float>(Random(rng, g.OutChannels * g.InChannels * 16));
        float[] b = Cast<float>(Random(rng, g.OutChannels)), gy = Cast<float>(Random(rng, g.Batch * outImage));
        float[] y = new float[gy.Length], gx = new float[x.Length];
        Conv2dKernels.Forward<float>(g, x, w, b, y);
        Conv2dKernels.BackwardInput<float>(g, gy, w, gx);
        var one = g with { Batch = 1 };
        float[] y1 = new float[outImage], gx1 = new float[inImage];
        for (int n = 0; n < g.Batch; n++)
        {
            Conv2dKernels.Forward<float>(one, x.AsSpan(n * inImage, inImage), w, b, y1);
            Conv2dKernels.BackwardInput<float>(one, gy.AsSpan(n * outImage, outImage), w, gx1);
            Assert.Equal(y1, y.AsSpan(n * outImage, outImage).ToArray());
            Assert.Equal(gx1, gx.AsSpan(n * inImage, inImage).ToArray());
        }
    }

    [Theory]
    [InlineData(3, 32, 32, 32, 64, 4, 1)]
    [InlineData(4, 64, 16, 16, 128, 4, 1)]
    [InlineData(3, 5, 16, 32, 13, 3, 1)]
    [InlineData(2, 3, 18, 34, 7, 4, 0)]
    public void PhasePathMatchesIm2Col(int n, int cin, int h, int w, int cout, int k, int pad)
    {
        // The forward pass keeps the GEMM's k order and blocking: the same bits. The gradients sum in another order.
        var g = new Conv2dGeometry(n, cin, h, w, cout, k, k, 2, 2, pad, pad);
        var rng = new Random(11);
        int inLength = n * cin * h * w, outLength = n * cout * g.OutHeight * g.OutWidth;
        float[] x = Cast<float>(Random(rng, inLength)), wt = Cast<float>(Random(rng, cout * cin * k * k));
        float[] b = Cast<float>(Random(rng, cout)), gy = Cast<float>(Random(rng, outLength));
        float[] y1 = new float[outLength], y2 = new float[outLength];
        Conv2dKernels.ForwardWith<float>(g, x, wt, b, y1, phases: true);
        Conv2dKernels.ForwardWith<float>(g, x, wt, b, y2, phases: false);
        Assert.Equal(y2, y1);
        float[] gx1 = new float[inLength], gx2 = new float[inLength], gw1 = new float[wt.Length], gw2 = new float[wt.Length];
        Conv2dKernels.BackwardInputWith<float>(g, gy, wt, gx1, phases: true);
        Conv2dKernels.BackwardInputWith<float>(g, gy, wt, gx2, phases: false);
        AssertClose(gx2, gx1, 2e-5, $"input gradient {g}");
        Conv2dKernels.BackwardWeightWith<float>(g, x, gy, gw1, phases: true);
        Conv2dKernels.BackwardWeightWith<float>(g, x, gy, gw2, phases: false);
        AssertClose(gw2, gw1, 8e-5, $"weight gradient {g}");
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void FloatMatchesReference(Conv2dGeometry g) => CompareWithReference<float>(g, 2e-5);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void DoubleMatchesReference(Conv2dGeometry g) => CompareWithReference<double>(g, 1e-12);

    [Theory]
    [InlineData(2, 3, 4, 5, 2, 4, 4, 2, 1, 0)]
    [InlineData(2, 2, 3, 5, 3, 3, 3, 2, 1, 1)]
    [InlineData(1, 4, 5, 3, 2, 3, 2, 1, 0, 0)]
    [InlineData(3, 3, 4, 4, 4, 5, 5, 2, 2, 1)]
    public void TransposedMatchesDirectScatter(int n, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, int outPad)
    {
        var g = new ConvTranspose2dGeometry(n, cin, h, w, cout, kh, kw, stride, stride, pad, pad, outPad, outPad);
        var rng = new Random(n * 100 + cin * 10 + kh);
        double[] x = Random(rng, n * cin * h * w), wt = Random(rng, cin * cout * kh * kw), bias = Random(rng, cout);
        int outLength = n * cout * g.OutHeight * g.OutWidth;
        var expected = TransposedScatter(g, x, wt, bias);
        var actual = new double[outLength];
        ConvTranspose2dKernels.Forward<double>(g, x, wt, bias, actual);
        AssertClose(expected, actual, 1e-12, "convT forward");

        // Gradients of Σ y·gy, checked against the scatter applied to unit inputs (adjointness).
        double[] gy = Random(rng, outLength);
        var gx = new double[x.Length];
        var gw = new double[wt.Length];
        ConvTranspose2dKernels.BackwardInput<double>(g, gy, wt, gx);
        ConvTranspose2dKernels.BackwardWeight<double>(g, x, gy, gw);
        var noBias = new double[cout];
        for (int i = 0; i < x.Length; i += Math.Max(1, x.Length / 7))
        {
            var e = new double[x.Length];
            e[i] = 1;
            Assert.Equal(Dot(TransposedScatter(g, e, wt, noBias), gy), gx[i], 1e-10);
        }
        for (int i = 0; i < wt.Length; i += Math.Max(1, wt.Length / 7))
        {
            var e = new double[wt.Length];
            e[i] = 1;
            Assert.Equal(Dot(TransposedScatter(g, x, e, noBias), gy), gw[i], 1e-10);
        }
    }

    [Theory]
    [InlineData("conv_s1_p1")]
    [InlineData("conv_s2_p1_k4")]
    [InlineData("conv_s2_p2_rect")]
    [InlineData("convt_s2_p1_k4")]
    [InlineData("convt_s2_p1_op1")]
    public void MatchesPyTorch(string name)
    {
        var f = Fixture.Load($"kernels/{name}.json");
        int[] xs = f.Shape("x"), ws = f.Shape("weight");
        int stride = (int)f.Scalar("stride"), pad = (int)f.Scalar("pad"), opad = (int)f.Scalar("output_pad");
        float[] x = f.Floats("x"), w = f.Floats("weight"), b = f.Floats("bias"), gy = f.Floats("gy");
        var y = new float[f.Floats("y").Length];
        var gx = new float[x.Length];
        var gw = new float[w.Length];
        if (f.Scalar("transposed") != 0)
        {
            var g = new ConvTranspose2dGeometry(xs[0], xs[1], xs[2], xs[3], ws[1], ws[2], ws[3], stride, stride, pad, pad, opad, opad);
            ConvTranspose2dKernels.Forward<float>(g, x, w, b, y);
            ConvTranspose2dKernels.BackwardInput<float>(g, gy, w, gx);
            ConvTranspose2dKernels.BackwardWeight<float>(g, x, gy, gw);
        }
        else
        {
            var g = new Conv2dGeometry(xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], stride, stride, pad, pad);
            Conv2dKernels.Forward<float>(g, x, w, b, y);
            Conv2dKernels.BackwardInput<float>(g, gy, w, gx);
            Conv2dKernels.BackwardWeight<float>(g, x, gy, gw);
        }
        AssertClose(f.Floats("y"), y, 1e-5f, name + " y");
        AssertClose(f.Floats("gx"), gx, 1e-5f, name + " gx");
        AssertClose(f.Floats("gw"), gw, 1e-5f, name + " gw");
    }

    [Theory]
    [InlineData(19, 3, 9, 11, 5, 4, 2, 1)]
    [InlineData(12, 2, 13, 40, 3, 4, 2, 1)]
    [InlineData(10, 3, 8, 8, 4, 3, 1, 1)]
    public void BatchedPassesEqualImageByImageBitForBit(int n, int cin, int h, int w, int cout, int k, int stride, int pad)
    {
        // Images share GEMMs in runs whose length depends on the batch; each output must not depend on its neighbours.
        var g = new Conv2dGeometry(n, cin, h, w, cout, k, k, stride, stride, pad, pad);
        var one = g with { Batch = 1 };
        var rng = new Random(n);
        int inImage = cin * h * w, outImage = cout * g.OutHeight * g.OutWidth;
        float[] x = Cast<float>(Random(rng, n * inImage)), wt = Cast<float>(Random(rng, cout * cin * k * k));
        float[] b = Cast<float>(Random(rng, cout)), gy = Cast<float>(Random(rng, n * outImage));
        float[] y = new float[n * outImage], gx = new float[n * inImage];
        Conv2dKernels.Forward<float>(g, x, wt, b, y);
        Conv2dKernels.BackwardInput<float>(g, gy, wt, gx);
        for (int i = 0; i < n; i++)
        {
            float[] yi = new float[outImage], gxi = new float[inImage];
            Conv2dKernels.Forward<float>(one, x.AsSpan(i * inImage, inImage), wt, b, yi);
            Conv2dKernels.BackwardInput<float>(one, gy.AsSpan(i * outImage, outImage), wt, gxi);
            Assert.True(yi.AsSpan().SequenceEqual(y.AsSpan(i * outImage, outImage)), $"forward of image {i}");
            Assert.True(gxi.AsSpan().SequenceEqual(gx.AsSpan(i * inImage, inImage)), $"input gradient of image {i}");
        }
        // The weight gradient sums images in fixed groups: repeating the call gives the same bits.
        float[] gw1 = new float[wt.Length], gw2 = new float[wt.Length];
        Conv2dKernels.BackwardWeight<float>(g, x, gy, gw1);
        Conv2dKernels.BackwardWeight<float>(g, x, gy, gw2);
        Assert.True(gw1.AsSpan().SequenceEqual(gw2));
    }

    [Fact]
    public void TransposedBiasOfWrongLengthIsRejected()
    {
        var g = new ConvTranspose2dGeometry(1, 2, 3, 3, 4, 2, 2);
        var e = Assert.Throws<ArgumentException>(() =>
            ConvTranspose2dKernels.Forward<float>(g, new float[18], new float[32], new float[3], new float[4 * g.OutHeight * g.OutWidth]));
        Assert.Contains("bias", e.Message);
    }

    [Fact]
    public void ShortBuffersAreRejectedWithBothSizes()
    {
        var g = new Conv2dGeometry(2, 3, 5, 5, 4, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => Conv2dKernels.Forward<float>(g, new float[10], new float[108], [], new float[2 * 4 * 9]));
        Assert.Contains("150", e.Message);
        Assert.Throws<ArgumentException>(() => Conv2dKernels.Forward<float>(g, new float[150], new float[108], new float[3], new float[72]));
        Assert.Throws<ArgumentException>(() => Conv2dKernels.Forward<float>(g with { KernelHeight = 9 }, new float[150], new float[324], [], new float[72]));
    }

    private static void CompareWithReference<T>(Conv2dGeometry g, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(g.GetHashCode());
        int inLength = g.Batch * g.InChannels * g.InHeight * g.InWidth, outLength = g.Batch * g.OutChannels * g.OutHeight * g.OutWidth;
        int wLength = g.OutChannels * g.InChannels * g.KernelHeight * g.KernelWidth;
        T[] x = Cast<T>(Random(rng, inLength)), w = Cast<T>(Random(rng, wLength)), b = Cast<T>(Random(rng, g.OutChannels)), gy = Cast<T>(Random(rng, outLength));

        T[] expected = new T[outLength], actual = new T[outLength];
        Conv2dReference.Forward<T>(g, x, w, b, expected);
        Conv2dKernels.Forward<T>(g, x, w, b, actual);
        AssertClose(expected, actual, tolerance, $"forward {g}");

        expected = new T[inLength];
        actual = Cast<T>(Random(rng, inLength)); // must be overwritten, not accumulated into
        Conv2dReference.BackwardInput<T>(g, gy, w, expected);
        Conv2dKernels.BackwardInput<T>(g, gy, w, actual);
        AssertClose(expected, actual, tolerance, $"backward input {g}");

        expected = new T[wLength];
        actual = Cast<T>(Random(rng, wLength));
        Conv2dReference.BackwardWeight<T>(g, x, gy, expected);
        Conv2dKernels.BackwardWeight<T>(g, x, gy, actual);
        AssertClose(expected, actual, tolerance * 4, $"backward weight {g}");
    }

    // out[n, co, y·s − p + ky, x·s − p + kx] += in[n, ci, y, x] · w[ci, co, ky, kx]: the definition, independent of the conv kernels.
    private static double[] TransposedScatter(ConvTranspose2dGeometry g, double[] x, double[] w, double[] bias)
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        var y = new double[g.Batch * g.OutChannels * oh * ow];
        for (int n = 0; n < g.Batch; n++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int i = 0; i < oh * ow; i++) y[(n * g.OutChannels + co) * oh * ow + i] = bias[co];
        for (int n = 0; n < g.Batch; n++)
        for (int ci = 0; ci < g.InChannels; ci++)
        for (int iy = 0; iy < g.InHeight; iy++)
        for (int ix = 0; ix < g.InWidth; ix++)
        for (int co = 0; co < g.OutChannels; co++)
        for (int ky = 0; ky < g.KernelHeight; ky++)
        for (int kx = 0; kx < g.KernelWidth; kx++)
        {
            int oy = iy * g.StrideH - g.PadH + ky, ox = ix * g.StrideW - g.PadW + kx;
            if ((uint)oy >= (uint)oh || (uint)ox >= (uint)ow) continue;
            y[((n * g.OutChannels + co) * oh + oy) * ow + ox] +=
                x[((n * g.InChannels + ci) * g.InHeight + iy) * g.InWidth + ix] * w[((ci * g.OutChannels + co) * g.KernelHeight + ky) * g.KernelWidth + kx];
        }
        return y;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] Random(Random rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = rng.NextDouble() * 2 - 1;
        return x;
    }

    private static T[] Cast<T>(double[] x) where T : unmanaged, IFloatingPointIeee754<T> => Array.ConvertAll(x, T.CreateChecked);

    private static void AssertClose<T>(T[] expected, T[] actual, double tolerance, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(e - a) <= tolerance * (1 + Math.Abs(e)), $"{what}: element {i} is {a}, expected {e}");
        }
    }
}
