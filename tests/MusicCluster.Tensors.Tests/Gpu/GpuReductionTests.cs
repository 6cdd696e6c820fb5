using System.Numerics;
using MusicCluster.Tensors;
using static MusicCluster.Tensors.Tests.Gpu.GpuCheck;

namespace MusicCluster.Tensors.Tests.Gpu;

public class GpuReductionTests
{
    [Fact]
    public void SumMaxMeanVarianceOverAxes()
    {
        var rng = new SeededRandom(5);
        Check(Random(rng, -1.0, 1.0, 3, 5, 7), 1e-12);
        Check(Random(rng, -1f, 1f, 4, 6, 9), 1e-5);
    }

    private static void Check<T>(Tensor<T> x, double rtol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = x.OnGpu();
        foreach (var axes in new[] { new[] { 0 }, [1], [2], [0, 2], [1, 2], [0, 1, 2] })
        {
            string name = $"{typeof(T).Name} axes {string.Join(",", axes)}";
            Agrees(x.Sum(axes), g.Sum(axes), rtol, "sum " + name);
            Agrees(x.Max(axes, keepDims: true), g.Max(axes, keepDims: true), 0, "max " + name);
            Agrees(x.Mean(axes), g.Mean(axes), rtol, "mean " + name);
            Agrees(x.Variance(axes), g.Variance(axes), rtol * 10, "variance " + name);
        }
        Agrees(x.Sum(), g.Sum(), rtol, "sum all");
        Agrees(x.Transpose(0, 2).Sum(1), g.Transpose(0, 2).Sum(1), rtol, "sum of a strided view");
        for (int axis = 0; axis < 3; axis++) Agrees(x.ArgMax(axis), g.ArgMax(axis), 0, $"argmax {axis}");
    }

    [Fact]
    public void LongRowsUseTwoLevelTreeReduction()
    {
        var rng = new SeededRandom(6);
        // 3001 > 8·group elements per row: chunked partials, then a second reduction; odd length leaves a ragged chunk.
        var x = Random(rng, -1.0, 1.0, 2, 3001);
        var g = x.OnGpu();
        Agrees(x.Sum(1), g.Sum(1), 1e-12, "long row sum");
        Agrees(x.Max(1), g.Max(1), 0, "long row max");
        var xf = Random(rng, 0f, 1f, 5000);
        Agrees(xf.Sum(), xf.OnGpu().Sum(), 1e-5, "float total");
        Agrees(x.ArgMax(1), g.ArgMax(1), 0, "long argmax");
        // Few outputs over a long leading axis: the column reduction splits the axis into chunks, then sums the partials.
        var tall = Random(rng, -1.0, 1.0, 3001, 3);
        Agrees(tall.Sum(0), tall.OnGpu().Sum(0), 1e-12, "tall column sum");
        Agrees(tall.Max(0), tall.OnGpu().Max(0), 0, "tall column max");
        var tallf = Random(rng, -1f, 1f, 20000, 2);
        Agrees(tallf.Mean(0), tallf.OnGpu().Mean(0), 1e-5, "float tall mean");
    }

    [Fact]
    public void NaNAndFirstMaximumSemantics()
    {
        var x = Tensor<double>.FromArray([1, 5, 5, 2, 3, double.NaN, 0, 7, 0, 0, 0, 0], 3, 4);
        var g = x.OnGpu();
        Assert.Equal(x.ArgMax(1).ToArray(), g.ArgMax(1).ToArray());
        Assert.Equal([1.0, 1.0, 0.0], g.ArgMax(1).ToArray());
        Agrees(x.Max(1), g.Max(1), 0, "max with NaN");
        Agrees(x.Sum(1), g.Sum(1), 0, "sum with NaN");
        Agrees(Tensor<double>.Zeros(2, 0).Sum(1), Tensor<double>.ZerosOn(Backend, 2, 0).Sum(1), 0, "empty sum");
    }
}
