using System.Runtime.CompilerServices;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Per-thread packing buffers, grown on demand and reused, so a GEMM call allocates nothing in steady state.</summary>
/// <remarks>Arrays live on the pinned heap so the 64-byte-aligned pointers handed to the kernels stay valid without fixing.</remarks>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? s_a;
    [ThreadStatic] private static T[]? s_b;
    [ThreadStatic] private static T[]? s_tile;

    /// <summary>Aligned scratch of at least <paramref name="length"/> elements for packed A.</summary>
    public static T* A(int length) => Get(ref s_a, length);

    /// <summary>Aligned scratch of at least <paramref name="length"/> elements for packed B.</summary>
    public static T* B(int length) => Get(ref s_b, length);

    /// <summary>Aligned scratch for one edge tile of C.</summary>
    public static T* Tile(int length) => Get(ref s_tile, length);

    private static T* Get(ref T[]? array, int length)
    {
        int pad = 64 / sizeof(T);
        if (array is null || array.Length < length + pad)
            array = GC.AllocateUninitializedArray<T>(Math.Max(length + pad, (array?.Length ?? 0) * 3 / 2), pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref array[0]);
        return (T*)((p + 63) & ~(nint)63);
    }
}
