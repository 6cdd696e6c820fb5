using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>Ops allocate their outputs without zeroing; with uninitialized buffers poisoned by NaN, no NaN may survive.</summary>
public class UninitializedOutputTests
{
    [Fact]
    public void EveryOpWritesItsWholeOutput()
    {
        var rng = new SeededRandom(7);
        var a = Tensor<float>.Normal(rng, 0f, 1f, 3, 4, 5);
        var row = Tensor<float>.Normal(rng, 0f, 1f, 5);
        var col = Tensor<float>.Normal(rng, 0f, 1f, 3, 1, 1);
        var m = Tensor<double>.Normal(new SeededRandom(8), 0.0, 1.0, 6, 7);
        var results = new Func<object>[]
        {
            () => a.Relu(), () => a.Exp(), () => a.Neg(), () => a.Square(), () => a * 3f, () => a + 2f, () => a.Abs().Sqrt(),
            () => a.LeakyRelu(0.1f), () => a.Sigmoid(), () => a.Step(0.5f), () => a.Transpose(0, 2).Exp(), () => a.Narrow(1, 1, 2).Relu(),
            () => a + row, () => a * col, () => col - a, () => a.MaskPositive(a - 0.2f), () => row / a,
            () => a.Sum(), () => a.Sum(1), () => a.Sum([0, 2]), () => a.Max(2, keepDims: true), () => a.Mean([1, 2]), () => a.ArgMax(1),
            () => a.Transpose(0, 1).Clone(), () => Tensor<float>.Concat(1, a, a.Narrow(1, 0, 3)), () => a.Variance([0]),
            () => Tensor<double>.MatMul(m, m, transposeB: true), () => Tensor<double>.MatMul(m, m, transposeA: true),
            () => Tensor<double>.MatMul(Tensor<double>.Ones(2, 0), Tensor<double>.Ones(0, 3)), () => m.Reshape(2, 3, 7).Sum(1),
        };
        var expected = new List<string>();
        foreach (var f in results) expected.Add(Bits(f()));
        var previous = CpuBackend.PoisonUninitialized;
        CpuBackend.PoisonUninitialized = true;
        try
        {
            for (int i = 0; i < results.Length; i++)
            {
                var r = results[i]();
                Assert.False(HasNaN(r), $"op {i} left unwritten elements");
                Assert.Equal(expected[i], Bits(r));
            }
        }
        finally { CpuBackend.PoisonUninitialized = previous; }
    }

    [Fact]
    public void PoisonedBuffersReallyHoldNaN()
    {
        CpuBackend.PoisonUninitialized = true;
        try { Assert.True(float.IsNaN(Tensor<float>.EmptyOn(CpuBackend.Instance, [4]).ToArray()[3])); }
        finally { CpuBackend.PoisonUninitialized = false; }
    }

    private static bool HasNaN(object t) => t switch
    {
        Tensor<float> f => Array.Exists(f.ToArray(), float.IsNaN),
        Tensor<double> d => Array.Exists(d.ToArray(), double.IsNaN),
        _ => throw new ArgumentException("not a tensor"),
    };

    private static string Bits(object t) => t switch
    {
        Tensor<float> f => string.Join(",", Array.ConvertAll(f.ToArray(), BitConverter.SingleToInt32Bits)),
        Tensor<double> d => string.Join(",", Array.ConvertAll(d.ToArray(), BitConverter.DoubleToInt64Bits)),
        _ => throw new ArgumentException("not a tensor"),
    };
}
