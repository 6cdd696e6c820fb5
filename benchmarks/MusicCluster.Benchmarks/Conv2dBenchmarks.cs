using BenchmarkDotNet.Attributes;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Benchmarks;

/// <summary>Forward + backward of the conv-VAE's layers (batch 32, k4 s2 p1): encoder convolutions and mirrored decoder transposed convolutions.</summary>
[MemoryDiagnoser]
public class Conv2dBenchmarks
{
    private float[] _x = [], _w = [], _bias = [], _y = [], _gy = [], _gx = [], _gw = [];

    /// <summary>Layer as "conv|convT Cin→Cout @ input size".</summary>
    [Params("conv 1->32 @64", "conv 32->64 @32", "conv 64->128 @16", "convT 128->64 @8", "convT 64->32 @16", "convT 32->1 @32")]
    public string Layer { get; set; } = "";

    private bool _transposed;
    private Conv2dGeometry _conv;
    private ConvTranspose2dGeometry _convT;

    private (int Cin, int Cout, int Size) Dims
    {
        get
        {
            var parts = Layer.Split(' ');
            var io = parts[1].Split("->");
            return (int.Parse(io[0]), int.Parse(io[1]), int.Parse(parts[2].TrimStart('@')));
        }
    }

    /// <summary>Parses the layer once (not inside the timed call) and allocates deterministic operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        float[] R(long n) => Enumerable.Range(0, (int)n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var (cin, cout, size) = Dims;
        _transposed = Layer.StartsWith("convT", StringComparison.Ordinal);
        _conv = new(32, cin, size, size, cout, 4, 4, 2, 2, 1, 1);
        _convT = new(32, cin, size, size, cout, 4, 4, 2, 2, 1, 1);
        int outSize = _transposed ? _convT.OutHeight : _conv.OutHeight;
        _x = R(32L * cin * size * size);
        _w = R((long)cin * cout * 16);
        _bias = R(cout);
        _gy = R(32L * cout * outSize * outSize);
        _y = new float[_gy.Length];
        _gx = new float[_x.Length];
        _gw = new float[_w.Length];
    }

    /// <summary>Forward, input gradient and weight gradient, as one training step of the layer runs them.</summary>
    [Benchmark]
    public void ForwardBackward()
    {
        if (_transposed)
        {
            var g = _convT;
            ConvTranspose2dKernels.Forward<float>(g, _x, _w, _bias, _y);
            ConvTranspose2dKernels.BackwardInput<float>(g, _gy, _w, _gx);
            ConvTranspose2dKernels.BackwardWeight<float>(g, _x, _gy, _gw);
        }
        else
        {
            var g = _conv;
            Conv2dKernels.Forward<float>(g, _x, _w, _bias, _y);
            Conv2dKernels.BackwardInput<float>(g, _gy, _w, _gx);
            Conv2dKernels.BackwardWeight<float>(g, _x, _gy, _gw);
        }
    }
}
