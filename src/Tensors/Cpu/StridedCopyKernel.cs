using System.Runtime.CompilerServices;
namespace MusicCluster.Tensors;

/// <summary>Copies between two strided views of the same shape; contiguous inner runs become block copies.</summary>
internal static class StridedCopyKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy<T>(T[] src, int srcOffset, int[] srcStrides, T[] dst, int dstOffset, int[] dstStrides, int[] shape)
    {
        int rank = shape.Length;
        if (rank == 0) { dst[dstOffset] = src[srcOffset]; return; }
        long total = 1;
        foreach (int s in shape) total *= s;
        if (total == 0) return;
        int inner = shape[rank - 1], si = srcStrides[rank - 1], di = dstStrides[rank - 1];
        long rows = total / inner;
        Span<int> index = stackalloc int[rank];
        int ps = srcOffset, pd = dstOffset;
        for (long r = 0; r < rows; r++)
        {
            if (si == 1 && di == 1) src.AsSpan(ps, inner).CopyTo(dst.AsSpan(pd, inner));
            else for (int j = 0, a = ps, b = pd; j < inner; j++, a += si, b += di) dst[b] = src[a];
            // Odometer over the outer axes keeps both offsets incremental.
            for (int ax = rank - 2; ax >= 0; ax--)
            {
                ps += srcStrides[ax]; pd += dstStrides[ax];
                if (++index[ax] < shape[ax]) break;
                ps -= srcStrides[ax] * shape[ax]; pd -= dstStrides[ax] * shape[ax];
                index[ax] = 0;
            }
        }
    }
}
