using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace MusicCluster.Benchmarks;

/// <summary>Element-wise throughput of TensorPrimitives on 1M floats.</summary>
public class ElementwiseBenchmarks
{
    private const int Size = 1 << 20;
    private float[] _x = [], _y = [], _z = [];

    /// <summary>Allocates deterministic operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _x = Enumerable.Range(0, Size).Select(_ => (float)rng.NextDouble()).ToArray();
        _y = Enumerable.Range(0, Size).Select(_ => (float)rng.NextDouble()).ToArray();
        _z = new float[Size];
    }

    /// <summary>z = x + y.</summary>
    [Benchmark]
    public void Add() => TensorPrimitives.Add(_x, _y, _z);

    /// <summary>z = x · y.</summary>
    [Benchmark]
    public void Multiply() => TensorPrimitives.Multiply(_x, _y, _z);

    /// <summary>z = exp(x).</summary>
    [Benchmark]
    public void Exp() => TensorPrimitives.Exp(_x, _z);
}
