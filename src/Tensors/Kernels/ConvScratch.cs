namespace MusicCluster.Tensors.Kernels;

/// <summary>Per-thread scratch arrays for the convolution kernels, reused across calls.</summary>
internal static class ConvScratch<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? s_first;
    [ThreadStatic] private static T[]? s_second;
    [ThreadStatic] private static T[]? s_third;

    /// <summary>The first scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> First(int length) => Get(ref s_first, length);

    /// <summary>A second, distinct scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> Second(int length) => Get(ref s_second, length);

    /// <summary>A third, distinct scratch span of exactly <paramref name="length"/> elements (contents undefined).</summary>
    public static Span<T> Third(int length) => Get(ref s_third, length);

    private static Span<T> Get(ref T[]? array, int length)
    {
        if (array is null || array.Length < length)
            array = GC.AllocateUninitializedArray<T>(Math.Max(length, (array?.Length ?? 0) * 3 / 2));
        return array.AsSpan(0, length);
    }
}
