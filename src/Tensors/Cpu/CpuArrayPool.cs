using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors;

/// <summary>Arrays handed back by <see cref="CpuBackend.Recycle{T}"/>, reused by later allocations of the same length.</summary>
/// <remarks>
/// A training step allocates the same shapes every time; reusing last step's buffers avoids fresh (page-faulting,
/// zero-filled) memory and the garbage collections it triggers. Exact lengths only; small arrays are left to the GC.
/// </remarks>
internal static class CpuArrayPool<T> where T : unmanaged
{
    // Below this, an allocation is cheap enough for the GC's nursery.
    internal const int MinLength = 256;

    // The pool never holds more than this, so a one-off large graph cannot pin memory for the life of the process.
    internal const long CapacityBytes = 512L << 20;

    private static readonly Dictionary<int, Stack<T[]>> s_free = [];
    private static long s_bytes;

    /// <summary>A pooled array of exactly <paramref name="length"/> elements with stale contents, or null.</summary>
    public static T[]? Rent(int length)
    {
        if (length < MinLength) return null;
        lock (s_free)
        {
            if (!s_free.TryGetValue(length, out var stack) || stack.Count == 0) return null;
            s_bytes -= (long)length * Unsafe.SizeOf<T>();
            return stack.Pop();
        }
    }

    /// <summary>Keeps <paramref name="array"/> for reuse; the caller guarantees nothing reads or writes it any more.</summary>
    public static void Return(T[] array)
    {
        int length = array.Length;
        if (length < MinLength) return;
        long bytes = (long)length * Unsafe.SizeOf<T>();
        lock (s_free)
        {
            if (s_bytes + bytes > CapacityBytes) return;
            if (!s_free.TryGetValue(length, out var stack)) s_free[length] = stack = new Stack<T[]>();
            // A buffer returned twice would later back two live tensors at once.
            foreach (var held in stack) if (ReferenceEquals(held, array)) return;
            stack.Push(array);
            s_bytes += bytes;
        }
    }

    /// <summary>Elements currently pooled (for tests).</summary>
    internal static long PooledBytes { get { lock (s_free) return s_bytes; } }
}
