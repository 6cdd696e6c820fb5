using System.Numerics;
using ILGPU;

namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>Sizes and layout of one batched GEMM launch.</summary>
public struct GemmShape
{
    public int M, N, K;
    /// <summary>1 when A is stored k×m (read as Aᵀ), likewise for B stored n×k.</summary>
    public int TransA, TransB;
    /// <summary>Elements between consecutive batch entries; 0 reuses one operand for every entry.</summary>
    public int BatchStrideA, BatchStrideB, BatchStrideC;
}

/// <summary>Shared-memory tiled, register-blocked GEMM: C_b = op(A_b)·op(B_b), row-major.</summary>
/// <remarks>
/// A group of TY×TX threads computes a (4·TY)×(4·TX) tile of C, each thread a 4×4 block held in registers, walking K in
/// steps of <see cref="TileK"/> through shared memory. Thread (ty, tx) owns rows ty + r·TY and columns tx + c·TX, so a warp
/// reads consecutive B entries (no bank conflicts) and a broadcast A entry. Transposed operands are read in place while
/// the tile is staged, so neither is ever materialised. The group shape is chosen at launch (16×16 on CUDA, 4×4 on the
/// CPU accelerator); shared memory is sized for the largest.
/// </remarks>
public static class GemmGpuKernel
{
    /// <summary>Depth of one K step.</summary>
    public const int TileK = 16;
    /// <summary>Rows (and columns) of C computed by one thread.</summary>
    public const int Block = 4;
    /// <summary>Largest group side (threads per axis).</summary>
    public const int MaxGroupSide = 16;
    private const int MaxTile = MaxGroupSide * Block;

    public static void Multiply<T>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, GemmShape s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var As = SharedMemory.Allocate<T>(TileK * (MaxTile + 1));
        var Bs = SharedMemory.Allocate<T>(TileK * (MaxTile + 1));
        int tx = Group.IdxX, ty = Group.IdxY, TX = Group.DimX, TY = Group.DimY;
        int tid = ty * TX + tx, threads = TX * TY;
        int BM = TY * Block, BN = TX * Block;
        // Rows of the staged tiles are padded by one element: a warp storing down a column then hits distinct banks.
        int lda = BM + 1, ldb = BN + 1;
        int rowBase = Grid.IdxY * BM, colBase = Grid.IdxX * BN, batch = Grid.IdxZ;
        long aBase = (long)batch * s.BatchStrideA, bBase = (long)batch * s.BatchStrideB, cBase = (long)batch * s.BatchStrideC;
        int M = s.M, N = s.N, K = s.K;

        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;

        for (int k0 = 0; k0 < K; k0 += TileK)
        {
            // Stage op(A)[rowBase.., k0..] as As[p, i]; the index split follows A's storage order so loads coalesce.
            for (int idx = tid; idx < BM * TileK; idx += threads)
            {
                int i, p;
                if (s.TransA == 0) { i = idx / TileK; p = idx - i * TileK; }
                else { p = idx / BM; i = idx - p * BM; }
                int gi = rowBase + i, gp = k0 + p;
                T v = T.Zero;
                if (gi < M && gp < K) v = a[aBase + (s.TransA == 0 ? (long)gi * K + gp : (long)gp * M + gi)];
                As[p * lda + i] = v;
            }
            for (int idx = tid; idx < BN * TileK; idx += threads)
            {
                int j, p;
                if (s.TransB == 0) { p = idx / BN; j = idx - p * BN; }
                else { j = idx / TileK; p = idx - j * TileK; }
                int gj = colBase + j, gp = k0 + p;
                T v = T.Zero;
                if (gj < N && gp < K) v = b[bBase + (s.TransB == 0 ? (long)gp * N + gj : (long)gj * K + gp)];
                Bs[p * ldb + j] = v;
            }
            Group.Barrier();

            for (int p = 0; p < TileK; p++)
            {
                int ao = p * lda + ty, bo = p * ldb + tx;
                T a0 = As[ao], a1 = As[ao + TY], a2 = As[ao + 2 * TY], a3 = As[ao + 3 * TY];
                T b0 = Bs[bo], b1 = Bs[bo + TX], b2 = Bs[bo + 2 * TX], b3 = Bs[bo + 3 * TX];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            Group.Barrier();
        }

        int r0 = rowBase + ty, col0 = colBase + tx;
        Store(c, cBase, M, N, r0, col0, TX, c00, c01, c02, c03);
        Store(c, cBase, M, N, r0 + TY, col0, TX, c10, c11, c12, c13);
        Store(c, cBase, M, N, r0 + 2 * TY, col0, TX, c20, c21, c22, c23);
        Store(c, cBase, M, N, r0 + 3 * TY, col0, TX, c30, c31, c32, c33);
    }

    private static void Store<T>(ArrayView<T> c, long cBase, int M, int N, int row, int col, int step, T v0, T v1, T v2, T v3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (row >= M) return;
        long o = cBase + (long)row * N;
        if (col < N) c[o + col] = v0;
        if (col + step < N) c[o + col + step] = v1;
        if (col + 2 * step < N) c[o + col + 2 * step] = v2;
        if (col + 3 * step < N) c[o + col + 3 * step] = v3;
    }
}
