using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicCluster.Tensors;

/// <summary>Fused optimizer updates on host spans.</summary>
internal static class OptimizerKernels
{
    // From this many parameters an update is split over the cores (each element is updated alone: same results).
    internal const int ParallelElements = 1 << 16;

    /// <summary>One Adam/AdamW step; large buffers are split over the cores in fixed ranges.</summary>
    public static unsafe void AdamStep<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = p.Length, parts = length >= ParallelElements ? Math.Max(1, Environment.ProcessorCount) : 1;
        if (parts <= 1)
        {
            AdamRun(p, g, m, v, h);
            return;
        }
        var hp = h;
        fixed (T* pp = p)
        fixed (T* pg = g)
        fixed (T* pm = m)
        fixed (T* pv = v)
        {
            nint ap = (nint)pp, ag = (nint)pg, am = (nint)pm, av = (nint)pv;
            CoreTeam.Run(parts, part =>
            {
                // Edges on 64-element boundaries keep the vector loops aligned.
                int lo = (int)((long)length * part / parts) & ~63, hi = part == parts - 1 ? length : (int)((long)length * (part + 1) / parts) & ~63;
                int n = hi - lo;
                AdamRun(new Span<T>((T*)ap + lo, n), new ReadOnlySpan<T>((T*)ag + lo, n), new Span<T>((T*)am + lo, n), new Span<T>((T*)av + lo, n), hp);
            });
        }
    }

    // Follows torch.optim.Adam/AdamW (non-amsgrad, non-foreach) operation by operation so results agree closely.
    // The vector loop performs exactly the scalar loop's IEEE operations in the same order (no fused multiply-add),
    // so every element gets the same bits whichever loop handles it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AdamRun<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One;
        T bc1 = one - T.Pow(h.Beta1, T.CreateTruncating(h.Step));
        T bc2 = one - T.Pow(h.Beta2, T.CreateTruncating(h.Step));
        T stepSize = h.LearningRate / bc1;
        T bc2Sqrt = T.Sqrt(bc2);
        T decay = h.DecoupledWeightDecay ? one - h.LearningRate * h.WeightDecay : one;
        T beta1 = h.Beta1, beta2 = h.Beta2, oneMinusBeta1 = one - beta1, oneMinusBeta2 = one - beta2, eps = h.Epsilon, wd = h.WeightDecay;
        bool decoupled = h.DecoupledWeightDecay, coupled = !decoupled && wd != T.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> vBeta1 = new(beta1), vBeta2 = new(beta2), vOmb1 = new(oneMinusBeta1), vOmb2 = new(oneMinusBeta2),
                vBc2Sqrt = new(bc2Sqrt), vEps = new(eps), vStep = new(stepSize), vDecay = new(decay), vWd = new(wd);
            for (int k = 0; k < pv.Length; k++)
            {
                var grad = gv[k];
                var param = pv[k];
                if (decoupled) param *= vDecay;
                else if (coupled) grad += vWd * param;
                var mk = mv[k] * vBeta1 + vOmb1 * grad;
                var vk = vv[k] * vBeta2 + vOmb2 * grad * grad;
                mv[k] = mk;
                vv[k] = vk;
                var denom = Vector.SquareRoot(vk) / vBc2Sqrt + vEps;
                pv[k] = param - vStep * mk / denom;
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T grad = g[i];
            if (decoupled) p[i] *= decay;
            else if (coupled) grad += wd * p[i];
            m[i] = m[i] * beta1 + oneMinusBeta1 * grad;
            v[i] = v[i] * beta2 + oneMinusBeta2 * grad * grad;
            T denom = T.Sqrt(v[i]) / bc2Sqrt + eps;
            p[i] -= stepSize * m[i] / denom;
        }
    }
}
