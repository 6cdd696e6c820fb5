using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Per-thread packing buffers, grown on demand and reused, so a GEMM call allocates nothing in steady state.</summary>
/// <remarks>Byte arrays in a non-generic class (thread statics of generic classes take a slow lookup on every access),
/// on the pinned heap so the 64-byte-aligned pointers handed to the kernels stay valid without fixing.</remarks>
internal static unsafe class GemmBuffers
{
    [ThreadStatic] private static byte[]? s_a;
    [ThreadStatic] private static byte[]? s_b;
    [ThreadStatic] private static byte[]? s_tile;

    /// <summary>Aligned scratch of at least <paramref name="length"/> elements for packed A.</summary>
    public static T* A<T>(int length) where T : unmanaged => (T*)Get(ref s_a, (long)length * sizeof(T));

    /// <summary>Aligned scratch of at least <paramref name="length"/> elements for packed B.</summary>
    public static T* B<T>(int length) where T : unmanaged => (T*)Get(ref s_b, (long)length * sizeof(T));

    /// <summary>Aligned scratch for one edge tile of C.</summary>
    public static T* Tile<T>(int length) where T : unmanaged => (T*)Get(ref s_tile, (long)length * sizeof(T));

    private static byte* Get(ref byte[]? array, long bytes)
    {
        if (array is null || array.Length < bytes + 64)
            array = GC.AllocateUninitializedArray<byte>((int)Math.Max(bytes + 64, (array?.Length ?? 0) * 3L / 2), pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref array[0]);
        return (byte*)((p + 63) & ~(nint)63);
    }
}
