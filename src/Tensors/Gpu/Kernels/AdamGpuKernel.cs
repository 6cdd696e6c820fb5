using System.Numerics;
using ILGPU;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>The per-step scalars of Adam, precomputed on the host (powers and square roots of the step count).</summary>
public struct AdamScalars<T> where T : unmanaged
{
    public T Beta1, Beta2, OneMinusBeta1, OneMinusBeta2, Epsilon, WeightDecay, StepSize, Bc2Sqrt, Decay;
    /// <summary>1 for AdamW's decoupled decay, 0 for Adam's coupled decay.</summary>
    public int Decoupled;
}

/// <summary>Fused Adam/AdamW update, one thread per parameter, in the CPU kernel's (and PyTorch's) operation order.</summary>
public static class AdamGpuKernel
{
    public static void Step<T>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> m, ArrayView<T> v, AdamScalars<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T grad = g[i], param = p[i];
        if (h.Decoupled != 0) param *= h.Decay;
        else if (h.WeightDecay != T.Zero) grad += h.WeightDecay * param;
        T mi = m[i] * h.Beta1 + h.OneMinusBeta1 * grad;
        T vi = v[i] * h.Beta2 + h.OneMinusBeta2 * grad * grad;
        m[i] = mi;
        v[i] = vi;
        T denom = T.Sqrt(vi) / h.Bc2Sqrt + h.Epsilon;
        p[i] = param - h.StepSize * mi / denom;
    }
}
