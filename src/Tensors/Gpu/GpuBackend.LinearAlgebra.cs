using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using MusicCluster.Tensors.Gpu.Kernels;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Gpu;

public sealed partial class GpuBackend
{
    /// <inheritdoc />
    public void MatMul<T>(Storage<T> a, int aBatchStride, bool transA, Storage<T> b, int bBatchStride, bool transB,
        Storage<T> c, int batch, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var sa = Data(a); var sb = Data(b); var sc = Data(c);
            Gemm(sa.View, aBatchStride, transA, sb.View, bBatchStride, transB, sc.View, m * n, batch, m, n, k);
        }
    }

    /// <inheritdoc />
    public void Conv2d<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> weight, Storage<T>? bias, Storage<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var x = Data(input); var w = Data(weight); var y = Data(output); var bs = bias is null ? null : Data(bias);
            int rows = g.InChannels * g.KernelHeight * g.KernelWidth, plane = g.OutHeight * g.OutWidth;
            if (g.Batch * g.OutChannels * plane == 0) return;
            using var col = Im2Col(g, x.View, rows, plane);
            // y_n[O, P] = W[O, rows] · col_n[rows, P] for every n, the weight shared across the batch.
            Gemm(w.View, 0, false, col.View, rows * plane, false, y.View, g.OutChannels * plane, g.Batch, g.OutChannels, plane, rows);
            if (bs is not null) Kernels<T>().AddChannelBias(g.Batch * g.OutChannels * plane, y.View, bs.View, g.OutChannels, plane);
        }
    }

    /// <inheritdoc />
    public void Conv2dBackwardInput<T>(in Conv2dGeometry g, Storage<T> gradOutput, Storage<T> weight, Storage<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var go = Data(gradOutput); var w = Data(weight); var gx = Data(gradInput);
            int rows = g.InChannels * g.KernelHeight * g.KernelWidth, plane = g.OutHeight * g.OutWidth;
            int inputs = g.Batch * g.InChannels * g.InHeight * g.InWidth;
            if (inputs == 0) return;
            using var col = Rent<T>(g.Batch * rows * plane);
            // col_n[rows, P] = Wᵀ[rows, O] · gradOutput_n[O, P], then each input pixel gathers the entries it fed.
            Gemm(w.View, 0, true, go.View, g.OutChannels * plane, false, col.View, rows * plane, g.Batch, rows, plane, g.OutChannels);
            Kernels<T>().Col2Im(inputs, col.View, gx.View, g);
        }
    }

    /// <inheritdoc />
    public void Conv2dBackwardWeight<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> gradOutput, Storage<T> gradWeight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var x = Data(input); var go = Data(gradOutput); var gw = Data(gradWeight);
            int rows = g.InChannels * g.KernelHeight * g.KernelWidth, plane = g.OutHeight * g.OutWidth;
            int weights = g.OutChannels * rows;
            if (weights == 0) return;
            using var col = Im2Col(g, x.View, rows, plane);
            // gradW = Σ_n gradOutput_n[O, P] · col_nᵀ[P, rows]: per-image products, then a fixed-order sum over the batch.
            if (g.Batch == 1)
            {
                Gemm(go.View, 0, false, col.View, 0, true, gw.View, 0, 1, g.OutChannels, rows, plane);
                return;
            }
            using var perImage = Rent<T>(g.Batch * weights);
            Gemm(go.View, g.OutChannels * plane, false, col.View, rows * plane, true, perImage.View, weights, g.Batch, g.OutChannels, rows, plane);
            ReduceCore(ReduceOp.Sum, perImage.View, 1, g.Batch, weights, gw.View);
        }
    }

    private GpuStorage<T> Im2Col<T>(in Conv2dGeometry g, ArrayView<T> input, int rows, int plane) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int total = g.Batch * rows * plane;
        var col = Rent<T>(total);
        if (total > 0) Kernels<T>().Im2Col(total, input, col.View, g);
        return col;
    }

    // C_b (stride cStride) = op(A_b)·op(B_b) for b < batch; grid z carries the batch, split where it exceeds CUDA's limit.
    private void Gemm<T>(ArrayView<T> a, int aStride, bool transA, ArrayView<T> b, int bStride, bool transB,
        ArrayView<T> c, int cStride, int batch, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch == 0 || m == 0 || n == 0) return;
        var kernels = Kernels<T>();
        if (k == 0) { kernels.Fill(batch * m * n, c.SubView(0, (long)batch * m * n), T.Zero); return; }
        int tile = gemmSide * GemmGpuKernel.Block;
        int tilesX = (n + tile - 1) / tile, tilesY = (m + tile - 1) / tile;
        if (tilesY > MaxGridYZ) throw new NotSupportedException($"GPU matmul with {m} rows exceeds the grid limit");
        var shape = new GemmShape
        {
            M = m, N = n, K = k, TransA = transA ? 1 : 0, TransB = transB ? 1 : 0,
            BatchStrideA = aStride, BatchStrideB = bStride, BatchStrideC = cStride,
        };
        for (int first = 0; first < batch; first += MaxGridYZ)
        {
            int count = Math.Min(MaxGridYZ, batch - first);
            var config = new KernelConfig(new Index3D(tilesX, tilesY, count), new Index3D(gemmSide, gemmSide, 1));
            kernels.Gemm(config, a.SubView((long)first * aStride), b.SubView((long)first * bStride), c.SubView((long)first * cStride), shape);
        }
    }
}
