using BenchmarkDotNet.Attributes;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Benchmarks;

/// <summary>float32 GEMM at square sizes and the skinny 64×4096×512 shape (m×n×k), plus a VAE linear layer.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    /// <summary>m×n×k.</summary>
    [Params("256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "64x4096x512", "32x2048x16", "32x40x64")]
    public string Shape { get; set; } = "";

    private int M => int.Parse(Shape.Split('x')[0]);
    private int N => int.Parse(Shape.Split('x')[1]);
    private int K => int.Parse(Shape.Split('x')[2]);

    /// <summary>Allocates deterministic operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Enumerable.Range(0, M * K).Select(_ => (float)rng.NextDouble()).ToArray();
        _b = Enumerable.Range(0, K * N).Select(_ => (float)rng.NextDouble()).ToArray();
        _c = new float[M * N];
    }

    /// <summary>C = A·B.</summary>
    [Benchmark]
    public void Multiply() => Gemm.Multiply<float>(false, false, M, N, K, _a, K, _b, N, _c, N);

    /// <summary>C = A·Bᵀ (B stored n×k), as in a linear layer's forward pass.</summary>
    [Benchmark]
    public void MultiplyTransB() => Gemm.Multiply<float>(false, true, M, N, K, _a, K, _b, K, _c, N);
}
