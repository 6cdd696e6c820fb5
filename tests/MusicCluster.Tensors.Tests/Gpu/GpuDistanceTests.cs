using MusicCluster.Tensors;
using static MusicCluster.Tensors.Tests.Gpu.GpuCheck;

namespace MusicCluster.Tensors.Tests.Gpu;

public class GpuDistanceTests
{
    private static double Direct(Tensor<double> a, int i, Tensor<double> b, int j)
    {
        double s = 0;
        for (int t = 0; t < a.Shape[1]; t++) { double u = a[i, t] - b[j, t]; s += u * u; }
        return s;
    }

    [Fact]
    public void SquaredDistanceBlocksMatchDirectSums()
    {
        var rng = new SeededRandom(13);
        var a = Random(rng, -1.0, 1.0, 13, 7);
        var b = Random(rng, -1.0, 1.0, 9, 7);
        var d = Backend.SquaredDistances(a.OnGpu(), b.OnGpu());
        Assert.Equal([13, 9], d.Shape);
        var expected = new double[13 * 9];
        for (int i = 0; i < 13; i++)
            for (int j = 0; j < 9; j++) expected[i * 9 + j] = Direct(a, i, b, j);
        Agrees(Tensor<double>.FromArray(expected, 13, 9), d, 1e-12, "distances");
        // A point against itself: cancellation must not leave a negative distance.
        var self = Backend.SquaredDistances(a.OnGpu(), a.OnGpu()).ToArray();
        for (int i = 0; i < 13; i++) Assert.InRange(self[i * 13 + i], 0, 1e-12);
        // A strided (transposed) operand is packed first.
        var bt = b.Transpose().Contiguous().OnGpu().Transpose();
        Agrees(d.ToCpu(), Backend.SquaredDistances(a.OnGpu(), bt), 1e-12, "strided operand");
    }

    [Fact]
    public void NearestCentroidsIsTheKMeansAssignment()
    {
        var rng = new SeededRandom(14);
        var x = Random(rng, -2f, 2f, 37, 5);
        var c = Random(rng, -2f, 2f, 6, 5);
        var (labels, dist) = Backend.NearestCentroids(x.OnGpu(), c.OnGpu());
        var l = labels.ToArray(); var dd = dist.ToArray();
        var xd = Tensor<double>.FromArray(Array.ConvertAll(x.ToArray(), v => (double)v), 37, 5);
        var cd = Tensor<double>.FromArray(Array.ConvertAll(c.ToArray(), v => (double)v), 6, 5);
        for (int i = 0; i < 37; i++)
        {
            int best = 0;
            for (int j = 1; j < 6; j++) if (Direct(xd, i, cd, j) < Direct(xd, i, cd, best)) best = j;
            Assert.Equal(best, (int)l[i]);
            Assert.Equal(Direct(xd, i, cd, best), dd[i], 1e-4);
        }
        // Duplicate centroids: the tie goes to the lower index.
        var dup = Tensor<double>.FromArray([5, 5, 1, 1, 1, 1], 3, 2).OnGpu();
        var (tl, _) = Backend.NearestCentroids(Tensor<double>.FromArray([1.1, 0.9], 1, 2).OnGpu(), dup);
        Assert.Equal(1.0, tl.ToScalar());
        Assert.Throws<ArgumentException>(() => Backend.NearestCentroids(x.OnGpu(), Random(rng, -1f, 1f, 3, 4).OnGpu()));
        Assert.Throws<InvalidOperationException>(() => Backend.NearestCentroids(x, c.OnGpu()));
    }
}
