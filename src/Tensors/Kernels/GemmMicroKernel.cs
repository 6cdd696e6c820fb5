using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>A register-tiled MR×NR block update on packed operands; implementations are structs so the JIT specialises the driver per kernel.</summary>
internal unsafe interface IGemmMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of C per tile (broadcast from packed A).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C per tile (vector loads from packed B).</summary>
    static abstract int NR { get; }

    /// <summary>Whether the vector width is accelerated on this machine.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>c[r·ldc + j] = (add ? c : 0) + Σ_p a[p·MR + r]·b[p·NR + j] over a full MR×NR tile.</summary>
    /// <remarks>The sum starts from zero and is added to C once at the end, so edge tiles (computed into a
    /// scratch tile) follow exactly the same rounding sequence as interior ones.</remarks>
    static abstract void Run(int kc, T* a, T* b, T* c, nint ldc, bool add);
}

/// <summary>What the micro-kernels share.</summary>
internal static class GemmMicroKernel
{
    /// <summary>From this depth a kernel prefetches its C tile: a shorter k loop cannot hide the miss and only pays the requests.</summary>
    internal const int PrefetchDepth = 64;
}

/// <summary>Fused multiply-add on generic vectors; the type tests are folded away by the JIT.</summary>
internal static class VectorFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        return x * y + z;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
        return x * y + z;
    }
}
