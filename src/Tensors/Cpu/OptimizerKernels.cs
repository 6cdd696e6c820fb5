using System.Runtime.CompilerServices;
using System.Numerics;

namespace MusicCluster.Tensors;

/// <summary>Fused optimizer updates on host spans.</summary>
internal static class OptimizerKernels
{
    // Follows torch.optim.Adam/AdamW (non-amsgrad, non-foreach) operation by operation so results agree closely.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AdamStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
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
