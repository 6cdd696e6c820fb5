using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Add, subtract, multiply and divide over contiguous runs, element by element, with ordinary stores.</summary>
/// <remarks>TensorPrimitives writes runs above 256 KiB with non-temporal stores, which send the result past the caches to
/// memory; a training step reads that result again within microseconds, so a 1M-element add ran at half the speed of
/// PyTorch's cached loop. The arithmetic is one IEEE operation per element, so the bits equal TensorPrimitives'.</remarks>
internal static class CachedArithmetic
{
    /// <summary>d[i] = x[i] ∘ y[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumberBase<T> where TOp : struct, IArithmeticOp<T>
    {
        int n = Check(x.Length, y.Length, d.Length), i = 0;
        ref T rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y), rd = ref MemoryMarshal.GetReference(d);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            int w = Vector256<T>.Count;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                var a0 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i));
                var a1 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)(i + w)), Vector256.LoadUnsafe(ref ry, (nuint)(i + w)));
                var a2 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)(i + 2 * w)), Vector256.LoadUnsafe(ref ry, (nuint)(i + 2 * w)));
                var a3 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)(i + 3 * w)), Vector256.LoadUnsafe(ref ry, (nuint)(i + 3 * w)));
                a0.StoreUnsafe(ref rd, (nuint)i);
                a1.StoreUnsafe(ref rd, (nuint)(i + w));
                a2.StoreUnsafe(ref rd, (nuint)(i + 2 * w));
                a3.StoreUnsafe(ref rd, (nuint)(i + 3 * w));
            }
            for (; i <= n - w; i += w)
                TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = TOp.Apply(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
    }

    /// <summary>d[i] = x[i] ∘ s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T, TOp>(ReadOnlySpan<T> x, T s, Span<T> d) where T : unmanaged, INumberBase<T> where TOp : struct, IArithmeticOp<T>
    {
        int n = Check(x.Length, x.Length, d.Length), i = 0;
        ref T rx = ref MemoryMarshal.GetReference(x), rd = ref MemoryMarshal.GetReference(d);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            int w = Vector256<T>.Count;
            var sv = Vector256.Create(s);
            for (; i <= n - 2 * w; i += 2 * w)
            {
                var a0 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i), sv);
                var a1 = TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)(i + w)), sv);
                a0.StoreUnsafe(ref rd, (nuint)i);
                a1.StoreUnsafe(ref rd, (nuint)(i + w));
            }
            for (; i <= n - w; i += w) TOp.Apply(Vector256.LoadUnsafe(ref rx, (nuint)i), sv).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = TOp.Apply(Unsafe.Add(ref rx, i), s);
    }

    /// <summary>d[i] = s ∘ x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<T, TOp>(T s, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumberBase<T> where TOp : struct, IArithmeticOp<T>
    {
        int n = Check(x.Length, x.Length, d.Length), i = 0;
        ref T rx = ref MemoryMarshal.GetReference(x), rd = ref MemoryMarshal.GetReference(d);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            int w = Vector256<T>.Count;
            var sv = Vector256.Create(s);
            for (; i <= n - w; i += w) TOp.Apply(sv, Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = TOp.Apply(s, Unsafe.Add(ref rx, i));
    }

    private static int Check(int x, int y, int d)
    {
        if (x != d || y != d) throw new ArgumentException($"element-wise: operands of {x} and {y} elements for a result of {d}.");
        return d;
    }
}

/// <summary>One IEEE arithmetic operation, on scalars and on 256-bit vectors.</summary>
internal interface IArithmeticOp<T> where T : unmanaged
{
    static abstract T Apply(T x, T y);
    static abstract Vector256<T> Apply(Vector256<T> x, Vector256<T> y);
}

internal readonly struct AddOp<T> : IArithmeticOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x + y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x + y;
}

internal readonly struct SubtractOp<T> : IArithmeticOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x - y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x - y;
}

internal readonly struct MultiplyOp<T> : IArithmeticOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x * y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x * y;
}

internal readonly struct DivideOp<T> : IArithmeticOp<T> where T : unmanaged, INumberBase<T>
{
    public static T Apply(T x, T y) => x / y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x / y;
}
