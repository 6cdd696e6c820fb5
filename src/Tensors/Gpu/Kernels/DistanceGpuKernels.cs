using System.Numerics;
using ILGPU;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>Epilogues that turn a cross-product block X·Yᵀ into squared Euclidean distances, ‖x‖² − 2x·y + ‖y‖².</summary>
public static class DistanceGpuKernels
{
    /// <summary>norms[i] = Σ_d x[i, d]² (one thread per row; rows are short next to the GEMM).</summary>
    public static void RowNorms<T>(Index1D i, ArrayView<T> x, ArrayView<T> norms, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long p = (long)(int)i * d;
        T s = T.Zero;
        for (int j = 0; j < d; j++, p++) s += x[p] * x[p];
        norms[i] = s;
    }

    /// <summary>block[i, j] = max(aNorm_i + bNorm_j − 2·block[i, j], 0) in place; cancellation can leave tiny negatives.</summary>
    public static void Distances<T>(Index1D index, ArrayView<T> block, ArrayView<T> aNorms, ArrayView<T> bNorms, int m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = index / m, j = index - i * m;
        T v = aNorms[i] + bNorms[j] - (block[index] + block[index]);
        block[index] = v > T.Zero ? v : T.Zero;
    }

    /// <summary>
    /// For each row i of a cross block [n, k]: the first j minimising ‖c_j‖² − 2x_i·c_j (the K-Means assignment, ties to the
    /// lowest index) and the squared distance to it, clamped at 0.
    /// </summary>
    public static void Nearest<T>(Index1D i, ArrayView<T> cross, ArrayView<T> xNorms, ArrayView<T> cNorms, ArrayView<T> labels, ArrayView<T> distances, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long p = (long)(int)i * k;
        T best = cNorms[0] - (cross[p] + cross[p]), bestIndex = T.Zero, j = T.Zero;
        // The index is counted in T: generic int → T conversion does not compile to PTX.
        for (int c = 1; c < k; c++)
        {
            j += T.One;
            T v = cNorms[c] - (cross[p + c] + cross[p + c]);
            if (v < best) { best = v; bestIndex = j; }
        }
        T d = xNorms[i] + best;
        labels[i] = bestIndex;
        distances[i] = d > T.Zero ? d : T.Zero;
    }
}
