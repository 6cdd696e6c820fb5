using System.Numerics;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

public class GemmSmallTests
{
    private static readonly int[] Edges = [1, 5, 31, 33, 63, 65];

    public static TheoryData<int, int, int> EdgeShapes()
    {
        // Each dimension swept over the vector-width edges (16 floats, 8 doubles) with the other two fixed and ragged.
        var data = new TheoryData<int, int, int>();
        foreach (int e in Edges)
        {
            data.Add(e, 33, 17);
            data.Add(7, e, 31);
            data.Add(33, 65, e);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeShapes))]
    public void SmallKernelMatchesReferenceAtEdgeSizes(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    GemmTests.Check<float>(m, n, k, ta, tb, acc, GemmPath.Small, padding: (m + n) % 4, seed: m * 131 + n * 7 + k);
                    GemmTests.Check<double>(m, n, k, ta, tb, acc, GemmPath.Small, padding: 1 + k % 3, seed: m + n * 17 + k);
                }
    }

    [Theory]
    [InlineData(32, 40, 64)]
    [InlineData(13, 65, 9)]
    [InlineData(9, 3, 100)]
    public void EveryElementIsOneInOrderFmaChain(int m, int n, int k)
    {
        // The documented order, bit for bit: s = 0; s = fma(a[i,p], b[p,j], s) for p ascending; C = s or C + s.
        Bitwise<float>(m, n, k);
        Bitwise<double>(m, n, k);
    }

    [Fact]
    public void AutoTakesTheSmallKernelForTinyLayersOnly()
    {
        if (!GemmSmall.IsSupported<float>()) return;
        // The MLP VAE's layer and its two backward products, float and double.
        Assert.True(GemmSmall.Suits<float>(32, 40, 64));
        Assert.True(GemmSmall.Suits<float>(32, 64, 40));
        Assert.True(GemmSmall.Suits<double>(40, 64, 32));
        Assert.True(GemmSmall.Suits<float>(512, 40, 64));
        // Large products (threaded packed kernel) and a B too wide for the stack buffer keep the packed path.
        Assert.False(GemmSmall.Suits<float>(256, 256, 256));
        Assert.False(GemmSmall.Suits<float>(64, 4096, 512));
        Assert.False(GemmSmall.Suits<float>(32, 2048, 16));
        Assert.False(GemmSmall.Suits<double>(64, 256, 64));
        Assert.False(GemmSmall.Suits<float>(4, 4, 0));
        Assert.False(GemmSmall.Suits<float>(4, 4, 257));
    }

    [Fact]
    public void AutoResultIsTheSmallKernelsResult()
    {
        if (!GemmSmall.IsSupported<float>()) return;
        var rng = new Random(5);
        float[] a = GemmTests.RandomArray<float>(rng, 32 * 64), b = GemmTests.RandomArray<float>(rng, 64 * 40);
        float[] auto = new float[32 * 40], small = new float[32 * 40], packed = new float[32 * 40];
        Gemm.MultiplyWith(false, false, 32, 40, 64, a, 64, b, 40, auto, 40, false, GemmPath.Auto, allowParallel: true);
        Gemm.MultiplyWith(false, false, 32, 40, 64, a, 64, b, 40, small, 40, false, GemmPath.Small, allowParallel: true);
        Gemm.MultiplyWith(false, false, 32, 40, 64, a, 64, b, 40, packed, 40, false, GemmPath.Vector512, allowParallel: true);
        Assert.Equal(small, auto);
        // Within one KC block the packed kernel runs the same in-order FMA chain, so switching paths changes no bit.
        Assert.Equal(packed, auto);
    }

    private static void Bitwise<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!GemmSmall.IsSupported<T>()) return;
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    var rng = new Random(m * n + k);
                    int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 3;
                    T[] a = GemmTests.RandomArray<T>(rng, (ta ? k : m) * lda), b = GemmTests.RandomArray<T>(rng, (tb ? n : k) * ldb);
                    T[] c = GemmTests.RandomArray<T>(rng, m * ldc), expected = (T[])c.Clone();
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++)
                        {
                            T s = T.Zero;
                            for (int p = 0; p < k; p++)
                                s = T.FusedMultiplyAdd(ta ? a[p * lda + i] : a[i * lda + p], tb ? b[j * ldb + p] : b[p * ldb + j], s);
                            expected[i * ldc + j] = acc ? expected[i * ldc + j] + s : s;
                        }
                    Gemm.MultiplyWith(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, acc, GemmPath.Small, allowParallel: false);
                    Assert.True(expected.AsSpan().SequenceEqual(c), $"{typeof(T).Name} m={m} n={n} k={k} ta={ta} tb={tb} acc={acc}");
                }
    }
}
