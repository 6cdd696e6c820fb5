using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Every-other-element copies for stride-2 convolutions, 16 floats per AVX-512 permute (8 per AVX2 shuffle) where it is safe.</summary>
/// <remarks>The vector steps read and write a whole vector past the last element they need; the callers pass the ends
/// of the memory that may be touched (and overwrite or clear anything written past the run afterwards).</remarks>
internal static unsafe class StrideTwo
{
    /// <summary>dst[i] = src[2i] for i &lt; count; may write up to 15 elements past dst + count (never past dstEnd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gather<T>(T* src, T* dst, int count, T* srcEnd, T* dstEnd) where T : unmanaged
    {
        int i = 0;
        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            if (count <= 8)
            {
                // A short row (an 8-pixel output): one vector in, half a vector out.
                float* s = (float*)src, d = (float*)dst;
                if (s + 16 <= (float*)srcEnd && d + 8 <= (float*)dstEnd)
                {
                    Avx512F.PermuteVar16x32(Vector512.Load(s), even).GetLower().Store(d);
                    return;
                }
            }
            for (; i < count; i += 16)
            {
                float* s = (float*)(src + 2 * i), d = (float*)(dst + i);
                if (s + 32 > (float*)srcEnd || d + 16 > (float*)dstEnd) break;
                Vector512.Store(Avx512F.PermuteVar16x32x2(Vector512.Load(s), even, Vector512.Load(s + 16)), d);
            }
        }
        else if (typeof(T) == typeof(float) && Avx2.IsSupported)
            for (; i + 4 < count; i += 8)
            {
                float* s = (float*)(src + 2 * i), d = (float*)(dst + i);
                if (s + 16 > (float*)srcEnd || d + 8 > (float*)dstEnd) break;
                // [a0 a2 b0 b2 | a4 a6 b4 b6], then the middle 64-bit lanes swapped: the 8 even elements in order.
                var pairs = Avx.Shuffle(Vector256.Load(s), Vector256.Load(s + 8), 0x88);
                Vector256.Store(Avx2.Permute4x64(pairs.AsDouble(), 0xD8).AsSingle(), d);
            }
        for (; i < count; i++) dst[i] = src[2 * i];
    }

    /// <summary>dst[2i] += src[i] for i &lt; count; the other elements it touches (below dstEnd) keep their bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScatterAdd<T>(T* src, T* dst, int count, T* srcEnd, T* dstEnd) where T : unmanaged, System.Numerics.IAdditionOperators<T, T, T>
    {
        int i = 0;
        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            // Lanes that receive nothing get −0, the one value whose addition leaves every float (−0 included) unchanged.
            var none = Vector512.Create(-0.0f);
            var low = Vector512.Create(0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16);
            var high = Vector512.Create(8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15, 16);
            var lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            if (count <= 8)
            {
                // A short row: its 8 sources spread over one 16-float vector of the destination.
                float* s = (float*)src, d = (float*)dst;
                if (s + 16 <= (float*)srcEnd && d + 16 <= (float*)dstEnd)
                {
                    var used = Vector512.LessThan(lane, Vector512.Create(count)).AsSingle();
                    var v = Vector512.ConditionalSelect(used, Vector512.Load(s), none);
                    Vector512.Store(Vector512.Load(d) + Avx512F.PermuteVar16x32x2(v, low, none), d);
                    return;
                }
            }
            for (; i < count; i += 16)
            {
                float* s = (float*)(src + i), d = (float*)(dst + 2 * i);
                if (s + 16 > (float*)srcEnd || d + 32 > (float*)dstEnd) break;
                var used = Vector512.LessThan(lane, Vector512.Create(count - i)).AsSingle();
                var v = Vector512.ConditionalSelect(used, Vector512.Load(s), none);
                Vector512.Store(Vector512.Load(d) + Avx512F.PermuteVar16x32x2(v, low, none), d);
                Vector512.Store(Vector512.Load(d + 16) + Avx512F.PermuteVar16x32x2(v, high, none), d + 16);
            }
        }
        else if (typeof(T) == typeof(float) && Avx2.IsSupported)
        {
            var none = Vector256.Create(-0.0f);
            var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (; i + 4 < count; i += 8)
            {
                float* s = (float*)(src + i), d = (float*)(dst + 2 * i);
                if (s + 8 > (float*)srcEnd || d + 16 > (float*)dstEnd) break;
                var used = Vector256.LessThan(lane, Vector256.Create(count - i)).AsSingle();
                var v = Vector256.ConditionalSelect(used, Vector256.Load(s), none);
                // [v0 − v1 − | v4 − v5 −] and [v2 − v3 − | v6 − v7 −], recombined by 128-bit halves.
                var low = Avx.UnpackLow(v, none);
                var high = Avx.UnpackHigh(v, none);
                Vector256.Store(Vector256.Load(d) + Avx.Permute2x128(low, high, 0x20), d);
                Vector256.Store(Vector256.Load(d + 8) + Avx.Permute2x128(low, high, 0x31), d + 8);
            }
        }
        for (; i < count; i++) dst[2 * i] += src[i];
    }
}
