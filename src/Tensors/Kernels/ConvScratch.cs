using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Per-thread scratch arrays for the convolution kernels, reused across calls.</summary>
/// <remarks>Byte arrays in a non-generic class: thread statics of generic classes take a slow lookup on every access.</remarks>
internal static class ConvScratch
{
    [ThreadStatic] private static byte[]? s_first;
    [ThreadStatic] private static byte[]? s_second;
    [ThreadStatic] private static byte[]? s_third;
    [ThreadStatic] private static byte[]? s_packed;
    [ThreadStatic] private static byte[]? s_table;

    /// <summary>The first scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> First<T>(int length) where T : unmanaged => Get<T>(ref s_first, length);

    /// <summary>A second, distinct scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> Second<T>(int length) where T : unmanaged => Get<T>(ref s_second, length);

    /// <summary>A third, distinct scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> Third<T>(int length) where T : unmanaged => Get<T>(ref s_third, length);

    /// <summary>Scratch for an operand packed once per call and shared, read-only, by every worker.</summary>
    public static Span<T> Packed<T>(int length) where T : unmanaged => Get<T>(ref s_packed, length);

    /// <summary>Scratch for a small table (offsets) built once per call and read, by address, by every worker.</summary>
    public static Span<T> Table<T>(int length) where T : unmanaged => Get<T>(ref s_table, length);

    // Pinned and 64-byte aligned: vector loads and stores then split cache lines the same way in every process, so a
    // kernel's speed does not depend on where the allocator happened to place its scratch.
    private static unsafe Span<T> Get<T>(ref byte[]? array, int length) where T : unmanaged
    {
        long bytes = (long)length * sizeof(T);
        if (array is null || array.Length < bytes + 64)
            array = GC.AllocateUninitializedArray<byte>((int)Math.Max(bytes + 64, (array?.Length ?? 0) * 3L / 2), pinned: true);
        int skip = (int)((64 - ((nint)Unsafe.AsPointer(ref array[0]) & 63)) & 63);
        return MemoryMarshal.Cast<byte, T>(array.AsSpan(skip, (int)bytes));
    }
}
