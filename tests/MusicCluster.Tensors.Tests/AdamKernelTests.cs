using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>The vectorised, core-split Adam kernel gives the scalar torch.optim.Adam/AdamW formulas bit for bit.</summary>
public class AdamKernelTests
{
    public static TheoryData<int, int> Cases => new()
    {
        { 1, 0 }, { 37, 0 }, { 37, 1 }, { 37, 2 }, { 1000, 1 }, { (1 << 16) + 77, 0 }, { (1 << 16) + 77, 2 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void FloatMatchesScalarReference(int length, int decay) => Check<float>(length, decay);

    [Theory, MemberData(nameof(Cases))]
    public void DoubleMatchesScalarReference(int length, int decay) => Check<double>(length, decay);

    // decay: 0 none, 1 coupled L2 (Adam), 2 decoupled (AdamW).
    private static void Check<T>(int length, int decay) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new SeededRandom((ulong)(length * 3 + decay));
        var p = Tensor<T>.Normal(rng, T.Zero, T.One, length);
        var m = Tensor<T>.Zeros(length);
        var v = Tensor<T>.Zeros(length);
        T[] rp = p.ToArray(), rm = new T[length], rv = new T[length];
        for (int step = 1; step <= 3; step++)
        {
            var g = Tensor<T>.Normal(rng, T.Zero, T.CreateTruncating(0.1), length);
            var h = new AdamHyperparameters<T>(T.CreateTruncating(1e-2), T.CreateTruncating(0.9), T.CreateTruncating(0.999), T.CreateTruncating(1e-8),
                T.CreateTruncating(decay == 0 ? 0 : 0.05), decay == 2, step);
            CpuBackend.Instance.AdamStep(p.Storage, g.Storage, m.Storage, v.Storage, length, h);
            Reference(rp, g.ToArray(), rm, rv, h);
        }
        Assert.Equal(rp, p.ToArray());
        Assert.Equal(rm, m.ToArray());
        Assert.Equal(rv, v.ToArray());
    }

    // The element-by-element loop the kernel replaced.
    private static void Reference<T>(T[] p, T[] g, T[] m, T[] v, AdamHyperparameters<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        T bc1 = one - T.Pow(h.Beta1, T.CreateTruncating(h.Step));
        T bc2 = one - T.Pow(h.Beta2, T.CreateTruncating(h.Step));
        T stepSize = h.LearningRate / bc1;
        T bc2Sqrt = T.Sqrt(bc2);
        T decay = h.DecoupledWeightDecay ? one - h.LearningRate * h.WeightDecay : one;
        for (int i = 0; i < p.Length; i++)
        {
            T grad = g[i];
            if (h.DecoupledWeightDecay) p[i] *= decay;
            else if (h.WeightDecay != T.Zero) grad += h.WeightDecay * p[i];
            m[i] = m[i] * h.Beta1 + (one - h.Beta1) * grad;
            v[i] = v[i] * h.Beta2 + (one - h.Beta2) * grad * grad;
            T denom = T.Sqrt(v[i]) / bc2Sqrt + h.Epsilon;
            p[i] -= stepSize * m[i] / denom;
        }
    }
}
