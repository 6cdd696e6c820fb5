using BenchmarkDotNet.Attributes;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Benchmarks;

/// <summary>float32 GEMM at square sizes and the skinny 64×4096×512 shape (m×n×k), plus a VAE linear layer.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];
    private int _m, _n, _k;

    /// <summary>m×n×k.</summary>
    [Params("256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "64x4096x512", "32x2048x16", "32x40x64")]
    public string Shape { get; set; } = "";

    /// <summary>Parses the shape once (not inside the timed call) and allocates deterministic operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var dims = Shape.Split('x');
        (_m, _n, _k) = (int.Parse(dims[0]), int.Parse(dims[1]), int.Parse(dims[2]));
        var rng = new Random(1);
        _a = Enumerable.Range(0, _m * _k).Select(_ => (float)rng.NextDouble()).ToArray();
        _b = Enumerable.Range(0, _k * _n).Select(_ => (float)rng.NextDouble()).ToArray();
        _c = new float[_m * _n];
    }

    /// <summary>C = A·B.</summary>
    [Benchmark]
    public void Multiply() => Gemm.Multiply<float>(false, false, _m, _n, _k, _a, _k, _b, _n, _c, _n);

    /// <summary>C = A·Bᵀ (B stored n×k), as in a linear layer's forward pass.</summary>
    [Benchmark]
    public void MultiplyTransB() => Gemm.Multiply<float>(false, true, _m, _n, _k, _a, _k, _b, _k, _c, _n);
}
