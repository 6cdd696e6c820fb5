using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

public class ExpFloatTests
{
    // Distance in representable floats (both finite, same sign: e^x is never negative).
    private static long Ulps(float a, float b) => Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    [Fact]
    public void WithinTwoUlpOfTheRoundedDoubleExpOverTheWholeRange()
    {
        // Every 4099th float from -104 to 89 (subnormal results, the overflow edge and ±0 included), plus a dense sweep near 0.
        var inputs = new List<float>();
        for (int bits = BitConverter.SingleToInt32Bits(89f); bits > 0; bits -= 4099) inputs.Add(BitConverter.Int32BitsToSingle(bits));
        for (int bits = BitConverter.SingleToInt32Bits(-0f); BitConverter.Int32BitsToSingle(bits) >= -104f; bits += 4099) inputs.Add(BitConverter.Int32BitsToSingle(bits));
        for (float v = -2f; v <= 2f; v += 1f / 4096) inputs.Add(v);
        inputs.AddRange([0f, -0f, 88.72283f, 88.72284f, -87.33655f, -103.9f, -103.97208f]);
        var x = inputs.ToArray();
        var y = new float[x.Length];
        ExpFloat.Exp(x, y);
        long worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float expected = (float)Math.Exp(x[i]);
            if (float.IsInfinity(expected) || expected == 0)
            {
                // At the edges a 2-ulp result may be the largest float or the smallest subnormal instead.
                Assert.True(y[i] == expected || Ulps(y[i], float.IsInfinity(expected) ? float.MaxValue : float.Epsilon) <= 2, $"exp({x[i]:R}) = {y[i]:R}, expected {expected:R}");
                continue;
            }
            long u = Ulps(y[i], expected);
            worst = Math.Max(worst, u);
            Assert.True(u <= 2, $"exp({x[i]:R}) = {y[i]:R}, expected {expected:R} ({u} ulp)");
        }
        Assert.True(worst >= 1, "the sweep should meet at least one inexact case");
    }

    [Fact]
    public void SpecialValuesAndFarOutOfRangeInputs()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1000f, -1000f, float.MaxValue, float.MinValue, 0f];
        var y = new float[x.Length];
        ExpFloat.Exp(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.Equal(0f, y[2]);
        Assert.Equal(float.PositiveInfinity, y[3]);
        Assert.Equal(0f, y[4]);
        Assert.Equal(float.PositiveInfinity, y[5]);
        Assert.Equal(0f, y[6]);
        Assert.Equal(1f, y[7]);
    }

    [Fact]
    public void ResultDoesNotDependOnPositionLengthOrVectorWidth()
    {
        var rng = new Random(3);
        var x = new float[1003];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 40 - 20);
        var whole = new float[x.Length];
        ExpFloat.Exp(x, whole);
        for (int start = 0; start < 20; start++)
        {
            var part = new float[x.Length - start];
            ExpFloat.Exp(x.AsSpan(start), part);
            Assert.True(whole.AsSpan(start).SequenceEqual(part), $"offset {start}");
        }
        // The 512-bit arithmetic runs (emulated where needed) and gives the 256-bit bits.
        for (int i = 0; i + 16 <= x.Length; i += 16)
        {
            var v = ExpFloat.Exp512(System.Runtime.Intrinsics.Vector512.Create<float>(x.AsSpan(i, 16)));
            for (int j = 0; j < 16; j++) Assert.Equal(whole[i + j], v[j]);
        }
        // In place, through the backend's op above the parallel threshold.
        var big = new float[(1 << 18) + 5];
        for (int i = 0; i < big.Length; i++) big[i] = (float)(rng.NextDouble() * 10 - 5);
        var expected = new float[big.Length];
        ExpFloat.Exp(big, expected);
        var t = Tensor<float>.FromArray(big, big.Length).Exp();
        Assert.True(expected.AsSpan().SequenceEqual(t.ToArray()));
    }
}
