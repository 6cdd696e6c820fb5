using System.Numerics;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Tests.Kernels;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 3 }, { 5, 1, 9 }, { 6, 32, 1 }, { 7, 33, 17 }, { 12, 64, 256 }, { 13, 31, 257 },
        { 32, 40, 64 }, { 32, 2048, 16 }, { 47, 95, 300 }, { 150, 17, 5 }, { 3, 200, 520 }, { 145, 70, 33 },
        { 20, 150, 300 }, { 64, 1100, 40 }, // one row block whose B is packed a few panels at a time, the last block partial
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatMatchesReferenceForEveryTransposeAndPath(int m, int n, int k)
    {
        foreach (var path in AcceleratedPaths<float>((long)m * n * k))
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    foreach (bool acc in new[] { false, true })
                        Check<float>(m, n, k, ta, tb, acc, path, padding: (m + n + k) % 3, seed: m * 31 + n * 7 + k);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoubleMatchesReferenceForEveryTransposeAndPath(int m, int n, int k)
    {
        foreach (var path in AcceleratedPaths<double>((long)m * n * k))
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    Check<double>(m, n, k, ta, tb, accumulate: (m & 1) == 0, path, padding: 2, seed: m + n + k);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 33, 17)]
    [InlineData(64, 96, 520)]
    [InlineData(150, 45, 300)]
    [InlineData(13, 31, 257)]
    public void PrepackedAMatchesMultiplyBitForBit(int m, int n, int k)
    {
        if (!Gemm.CanPack<float>()) return; // no SIMD kernel: the convolutions never take this path either
        CheckPacked<float>(m, n, k);
        CheckPacked<double>(m, n, k);
    }

    private static void CheckPacked<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        foreach (bool ta in new[] { false, true })
        {
            T[] a = RandomArray<T>(rng, m * k), b = RandomArray<T>(rng, k * (n + 3));
            int lda = ta ? m : k, ldb = n + 3;
            T[] expected = new T[m * n], actual = RandomArray<T>(rng, m * n); // overwritten, not accumulated into
            Gemm.Multiply<T>(ta, false, m, n, k, a, lda, b, ldb, expected, n);
            var packed = new T[Gemm.PackedLength<T>(m, k)];
            Gemm.PackA<T>(ta, m, k, a, lda, packed);
            Gemm.MultiplyPacked<T>(packed, m, n, k, b, ldb, actual, n);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{typeof(T).Name} {m}×{n}×{k} transA={ta}");
        }
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyPacked<T>(new T[1], m + 1, n, k, new T[k * n], n, new T[(m + 1) * n], n));
    }

    [Fact]
    public void RandomShapesWithWideLeadingDimensionsMatchReference()
    {
        var rng = new Random(1234);
        for (int trial = 0; trial < 60; trial++)
        {
            int m = rng.Next(1, 70), n = rng.Next(1, 90), k = rng.Next(1, 300);
            bool ta = rng.Next(2) == 1, tb = rng.Next(2) == 1, acc = rng.Next(2) == 1;
            Check<float>(m, n, k, ta, tb, acc, GemmPath.Auto, padding: rng.Next(0, 40), seed: trial);
            Check<double>(m, n, k, ta, tb, acc, GemmPath.Auto, padding: rng.Next(0, 40), seed: trial);
        }
    }

    [Theory]
    [InlineData(5, 3, 700)]
    [InlineData(32, 16, 1030)]
    [InlineData(9, 13, 2100)]
    [InlineData(4, 4, 256)]
    public void SmallOutputsWithDeepKMatchReference(int m, int n, int k)
    {
        // A·Bᵀ with a small C and a deep k takes the dot-product kernel (GemmRowDot); every other layout the packed one.
        Assert.True(GemmRowDot.Suits(false, true, m, n, k));
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                {
                    Check<float>(m, n, k, ta, tb, acc, GemmPath.Auto, padding: (m + k) % 5, seed: m * n + k);
                    Check<double>(m, n, k, ta, tb, acc, GemmPath.Auto, padding: 3, seed: m + n * k);
                }
    }

    [Fact]
    public void ParallelAndSequentialRunsAreBitIdentical()
    {
        // Large enough to cross the threading threshold along both the column and the row split.
        foreach (var (m, n, k) in new[] { (70, 400, 300), (400, 70, 300), (32, 16, 5000), (64, 1100, 40) })
        {
            var rng = new Random(m);
            float[] a = RandomArray<float>(rng, m * k), b = RandomArray<float>(rng, k * n);
            var parallel = new float[m * n];
            var sequential = new float[m * n];
            Gemm.MultiplyWith(false, true, m, n, k, a, k, b, k, parallel, n, false, GemmPath.Auto, allowParallel: true);
            Gemm.MultiplyWith(false, true, m, n, k, a, k, b, k, sequential, n, false, GemmPath.Auto, allowParallel: false);
            Assert.Equal(sequential, parallel);
        }
    }

    [Fact]
    public void SmallProductsAllocateNothingOnceWarm()
    {
        float[] a = new float[32 * 64], b = new float[64 * 40], c = new float[32 * 40];
        for (int i = 0; i < 3; i++) Gemm.Multiply<float>(false, true, 32, 40, 64, a, 64, b, 64, c, 40);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Gemm.Multiply<float>(false, true, 32, 40, 64, a, 64, b, 64, c, 40);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ZeroDepthClearsOrKeepsC()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply<float>(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        Gemm.Multiply<float>(false, false, 2, 2, 0, [], 0, [], 2, c, 2);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    [Fact]
    public void ShortOrInconsistentOperandsAreRejectedBeforeAnyAccess()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 3, a.AsSpan(0, 5), 3, b, 2, c, 2));
        Assert.Contains("A", e.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 3, a, 2, b, 2, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 3, a, 3, b, 2, c.AsSpan(0, 3), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply<float>(false, false, -1, 2, 3, a, 3, b, 2, c, 2));
    }

    private static IEnumerable<GemmPath> AcceleratedPaths<T>(long work) where T : unmanaged
    {
        yield return GemmPath.Auto;
        yield return GemmPath.Small;
        // Both kernels are correct (if slow) where they are emulated, so both are exercised on every machine: the
        // 512-bit one on AVX2-only CPUs and under DOTNET_EnableAVX512F=0 (on the smaller shapes: emulation is slow),
        // the 256-bit one on AVX-512 CPUs.
        if (GemmKernel512<T>.IsSupported || work <= 400_000) yield return GemmPath.Vector512;
        yield return GemmPath.Vector256;
    }

    internal static void Check<T>(int m, int n, int k, bool ta, bool tb, bool accumulate, GemmPath path, int padding, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + padding, ldb = bCols + padding, ldc = n + padding;
        T[] a = RandomArray<T>(rng, (aRows - 1) * lda + aCols), b = RandomArray<T>(rng, (bRows - 1) * ldb + bCols);
        T[] c0 = RandomArray<T>(rng, (m - 1) * ldc + n);
        T[] expected = (T[])c0.Clone(), actual = (T[])c0.Clone();
        GemmReference.Multiply(ta, tb, m, n, k, a, lda, b, ldb, expected, ldc, accumulate);
        Gemm.MultiplyWith(ta, tb, m, n, k, a, lda, b, ldb, actual, ldc, accumulate, path, allowParallel: true);

        // Error bound for two differently ordered sums: a few ulps times Σ|a||b| (+|c|).
        T[] absA = Abs(a), absB = Abs(b), bound = Abs(c0);
        GemmReference.Multiply(ta, tb, m, n, k, absA, lda, absB, ldb, bound, ldc, accumulate);
        T tolerance = T.CreateChecked(typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16) * T.CreateChecked(2 * (k + 2));
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int at = i * ldc + j;
                T err = T.Abs(actual[at] - expected[at]);
                Assert.True(err <= tolerance * bound[at] + T.CreateChecked(1e-30),
                    $"{typeof(T).Name} {path} m={m} n={n} k={k} ta={ta} tb={tb} acc={accumulate} pad={padding}: C[{i},{j}] = {actual[at]}, expected {expected[at]}");
            }
            // The gap between rows (ldc > n) belongs to the caller and must be left alone.
            for (int j = n; j < ldc && i * ldc + j < actual.Length; j++)
                Assert.Equal(c0[i * ldc + j], actual[i * ldc + j]);
        }
    }

    internal static T[] RandomArray<T>(Random rng, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[Math.Max(length, 0)];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return x;
    }

    private static T[] Abs<T>(T[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = T.Abs(x[i]);
        return y;
    }
}
