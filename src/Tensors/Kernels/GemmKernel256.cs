using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicCluster.Tensors.Kernels;

/// <summary>6×(2·Vector256) GEMM micro-kernel: 12 accumulators stay in registers across the whole k loop.</summary>
internal unsafe struct GemmKernel256<T> : IGemmMicroKernel<T> where T : unmanaged
{
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, bool add)
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // The C tile is read (or written) only after the k loop; ask for its lines now so the misses overlap the loop.
        if (kc >= GemmMicroKernel.PrefetchDepth && Sse.IsSupported)
            for (int r = 0; r < 6; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0((byte*)(c + r * ldc) + 63);
            }
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var a0 = Vector256.Create(a[0]);
            c00 = VectorFma.Fma(a0, b0, c00); c01 = VectorFma.Fma(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = VectorFma.Fma(a1, b0, c10); c11 = VectorFma.Fma(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = VectorFma.Fma(a2, b0, c20); c21 = VectorFma.Fma(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = VectorFma.Fma(a3, b0, c30); c31 = VectorFma.Fma(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = VectorFma.Fma(a4, b0, c40); c41 = VectorFma.Fma(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = VectorFma.Fma(a5, b0, c50); c51 = VectorFma.Fma(a5, b1, c51);
            a += 6;
            b += 2 * w;
        }
        Store(c + 0 * ldc, c00, c01, w, add);
        Store(c + 1 * ldc, c10, c11, w, add);
        Store(c + 2 * ldc, c20, c21, w, add);
        Store(c + 3 * ldc, c30, c31, w, add);
        Store(c + 4 * ldc, c40, c41, w, add);
        Store(c + 5 * ldc, c50, c51, w, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* dst, Vector256<T> v0, Vector256<T> v1, int w, bool add)
    {
        if (add)
        {
            v0 = Vector256.Load(dst) + v0;
            v1 = Vector256.Load(dst + w) + v1;
        }
        Vector256.Store(v0, dst);
        Vector256.Store(v1, dst + w);
    }
}
