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

    /// <summary>Most elements of im2col scratch one convolution call holds; larger batches are processed in chunks of images.</summary>
    internal long ConvScratchElements { get; set; } = 1 << 26;

    /// <inheritdoc />
    public void Conv2d<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> weight, Storage<T>? bias, Storage<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var x = Data(input); var w = Data(weight); var y = Data(output); var bs = bias is null ? null : Data(bias);
            var (rows, plane, inImage, outImage, chunk) = ConvLayout(g);
            if (g.Batch * outImage == 0) return;
            using var col = Rent<T>(chunk * rows * plane);
            for (int n0 = 0; n0 < g.Batch; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.Batch - n0);
                var gc = g with { Batch = nb };
                Kernels<T>().Im2Col(nb * rows * plane, x.View.SubView((long)n0 * inImage), col.View, gc);
                // y_n[O, P] = W[O, rows] · col_n[rows, P] for every n, the weight shared across the batch.
                Gemm(w.View, 0, false, col.View, rows * plane, false, y.View.SubView((long)n0 * outImage), outImage, nb, g.OutChannels, plane, rows);
            }
            if (bs is not null) Kernels<T>().AddChannelBias(g.Batch * outImage, y.View, bs.View, g.OutChannels, plane);
        }
    }

    /// <inheritdoc />
    public void Conv2dBackwardInput<T>(in Conv2dGeometry g, Storage<T> gradOutput, Storage<T> weight, Storage<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var go = Data(gradOutput); var w = Data(weight); var gx = Data(gradInput);
            var (rows, plane, inImage, outImage, chunk) = ConvLayout(g);
            if (g.Batch * inImage == 0) return;
            using var col = Rent<T>(chunk * rows * plane);
            for (int n0 = 0; n0 < g.Batch; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.Batch - n0);
                // col_n[rows, P] = Wᵀ[rows, O] · gradOutput_n[O, P], then each input pixel gathers the entries it fed.
                Gemm(w.View, 0, true, go.View.SubView((long)n0 * outImage), outImage, false, col.View, rows * plane, nb, rows, plane, g.OutChannels);
                Kernels<T>().Col2Im(nb * inImage, col.View, gx.View.SubView((long)n0 * inImage), g with { Batch = nb });
            }
        }
    }

    /// <inheritdoc />
    public void Conv2dBackwardWeight<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> gradOutput, Storage<T> gradWeight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var x = Data(input); var go = Data(gradOutput); var gw = Data(gradWeight);
            var (rows, plane, inImage, outImage, chunk) = ConvLayout(g);
            int weights = g.OutChannels * rows;
            if (weights == 0) return;
            if (g.Batch == 0) { Kernels<T>().Fill(weights, gw.View, T.Zero); return; }
            using var col = Rent<T>(chunk * rows * plane);
            // gradW = Σ_n gradOutput_n[O, P] · col_nᵀ[P, rows]: per-image products, then a fixed-order sum over the batch.
            using var perImage = Rent<T>(g.Batch == 1 ? 0 : g.Batch * weights);
            var products = g.Batch == 1 ? gw.View : perImage.View;
            for (int n0 = 0; n0 < g.Batch; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.Batch - n0);
                Kernels<T>().Im2Col(nb * rows * plane, x.View.SubView((long)n0 * inImage), col.View, g with { Batch = nb });
                Gemm(go.View.SubView((long)n0 * outImage), outImage, false, col.View, rows * plane, true,
                    products.SubView((long)n0 * weights), weights, nb, g.OutChannels, rows, plane);
            }
            if (g.Batch > 1) ReduceCore(ReduceOp.Sum, perImage.View, 1, g.Batch, weights, gw.View);
        }
    }

    // Per-image sizes and how many images share one im2col scratch buffer.
    private (int Rows, int Plane, int InImage, int OutImage, int Chunk) ConvLayout(in Conv2dGeometry g)
    {
        long rows = (long)g.InChannels * g.KernelHeight * g.KernelWidth, plane = (long)g.OutHeight * g.OutWidth;
        if (rows * plane > int.MaxValue)
            throw new NotSupportedException($"GPU conv2d: one image's im2col matrix ({rows}×{plane}) exceeds {int.MaxValue} elements");
        int chunk = (int)Math.Clamp(ConvScratchElements / Math.Max(rows * plane, 1), 1, Math.Max(g.Batch, 1));
        return ((int)rows, (int)plane, g.InChannels * g.InHeight * g.InWidth, g.OutChannels * (int)plane, chunk);
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
