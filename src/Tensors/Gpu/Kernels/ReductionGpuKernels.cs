using System.Numerics;
using ILGPU;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>Reductions over the middle axis of a contiguous [outer, reduce, inner] buffer.</summary>
public static class ReductionGpuKernels
{
    /// <summary>Largest group the row reduction uses (its shared-memory size).</summary>
    public const int MaxGroupSize = 256;

    /// <summary>
    /// inner == 1: group (row, chunk) reduces x[row, chunk·chunkLength ..] into partial[row, chunk], each thread striding
    /// over the chunk, then a shared-memory tree. Fixed order, so results are deterministic.
    /// </summary>
    public static void Rows<T>(ArrayView<T> x, ArrayView<T> partial, int reduce, int chunkLength, int op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shared = SharedMemory.Allocate<T>(MaxGroupSize);
        int tid = Group.IdxX, size = Group.DimX;
        int row = Grid.IdxX, chunk = Grid.IdxY, chunks = Grid.DimY;
        int start = chunk * chunkLength;
        int end = start + chunkLength < reduce ? start + chunkLength : reduce;
        T acc = op == (int)ReduceOp.Sum ? T.Zero : T.NegativeInfinity;
        long rowBase = (long)row * reduce;
        for (int r = start + tid; r < end; r += size) acc = Combine(op, acc, x[rowBase + r]);
        shared[tid] = acc;
        Group.Barrier();
        for (int s = size / 2; s > 0; s >>= 1)
        {
            if (tid < s) shared[tid] = Combine(op, shared[tid], shared[tid + s]);
            Group.Barrier();
        }
        if (tid == 0) partial[(long)row * chunks + chunk] = shared[0];
    }

    /// <summary>
    /// One thread per (chunk, output): y[chunk, o·inner + i] = op over r in the chunk of x[o, r, i]. Neighbouring threads read
    /// neighbouring addresses when inner &gt; 1; with several chunks, few outputs over a long axis still fill the device.
    /// </summary>
    public static void Columns<T>(Index1D index, ArrayView<T> x, ArrayView<T> y, int reduce, int inner, int outputs, int chunkLength, int op)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunk = index / outputs, q = index - chunk * outputs;
        int o = q / inner, i = q - o * inner;
        int start = chunk * chunkLength;
        int end = start + chunkLength < reduce ? start + chunkLength : reduce;
        long p = ((long)o * reduce + start) * inner + i;
        T acc = op == (int)ReduceOp.Sum ? T.Zero : T.NegativeInfinity;
        for (int r = start; r < end; r++, p += inner) acc = Combine(op, acc, x[p]);
        y[index] = acc;
    }

    /// <summary>Index of the first maximum along r; a NaN wins, as in PyTorch and the CPU backend.</summary>
    public static void ArgMax<T>(Index1D index, ArrayView<T> x, ArrayView<T> y, int reduce, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int o = index / inner, i = index - o * inner;
        long p = (long)o * reduce * inner + i;
        T best = x[p], bestIndex = T.Zero, r = T.Zero;
        // The index is counted in T (exact below 2^24 for float) because generic int → T conversion does not compile to PTX.
        for (int k = 1; k < reduce; k++)
        {
            r += T.One;
            p += inner;
            if (T.IsNaN(best)) break;
            T v = x[p];
            if (v > best || T.IsNaN(v)) { best = v; bestIndex = r; }
        }
        y[index] = bestIndex;
    }

    private static T Combine<T>(int op, T a, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (op == (int)ReduceOp.Sum) return a + b;
        return T.IsNaN(a) || T.IsNaN(b) ? T.NaN : a > b ? a : b;
    }
}
