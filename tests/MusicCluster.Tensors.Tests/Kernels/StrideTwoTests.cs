using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

public unsafe class StrideTwoTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(48)]
    public void GatherTakesEveryOtherElementAndStaysInsideTheEnds(int count)
    {
        var rng = new Random(count);
        float[] src = new float[2 * count + 40], dst = new float[count + 40];
        for (int i = 0; i < src.Length; i++) src[i] = (float)rng.NextDouble();
        // The vector steps may only touch what lies before the ends given: check with tight ends and with room.
        foreach (int room in new[] { 0, 40 })
        {
            Array.Fill(dst, float.NaN);
            int srcLength = Math.Max(0, 2 * count - 1) + room, dstLength = count + room / 2;
            fixed (float* s = src)
            fixed (float* d = dst)
                StrideTwo.Gather(s, d, count, s + srcLength, d + dstLength);
            for (int i = 0; i < count; i++) Assert.Equal(src[2 * i], dst[i]);
            for (int i = dstLength; i < dst.Length; i++) Assert.True(float.IsNaN(dst[i]), $"wrote past the end at {i}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(23)]
    [InlineData(40)]
    public void ScatterAddMatchesTheScalarLoopBitForBit(int count)
    {
        var rng = new Random(100 + count);
        float[] src = new float[count + 32], dst = new float[2 * count + 64];
        for (int i = 0; i < src.Length; i++) src[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < dst.Length; i++) dst[i] = i % 3 == 0 ? -0.0f : (float)(rng.NextDouble() - 0.5);
        var expected = (float[])dst.Clone();
        for (int i = 0; i < count; i++) expected[2 * i] += src[i];
        fixed (float* s = src)
        fixed (float* d = dst)
            StrideTwo.ScatterAdd(s, d, count, s + src.Length, d + dst.Length);
        for (int i = 0; i < dst.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(dst[i]), $"element {i}: {dst[i]} vs {expected[i]}");
    }

    [Fact]
    public void DoubleUsesTheScalarLoop()
    {
        double[] src = [1, 2, 3, 4, 5, 6, 7], dst = new double[4];
        fixed (double* s = src)
        fixed (double* d = dst)
            StrideTwo.Gather(s, d, 4, s + src.Length, d + dst.Length);
        Assert.Equal([1.0, 3, 5, 7], dst);
    }
}
