using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using MusicCluster.Tensors.Gpu.Kernels;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Gpu;

/// <summary>Every kernel of the backend compiled for one element type on one accelerator (loaded once, then reused).</summary>
internal sealed class GpuKernelSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly Action<Index1D, ArrayView<T>, T> Fill;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, int, T, T> Unary;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, StridedPair, int> Binary;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, StridedPair> Copy;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, int, int> AddChannelBias;
    public readonly Action<KernelConfig, ArrayView<T>, ArrayView<T>, int, int, int> ReduceRows;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, int, int, int, int, int> ReduceColumns;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, int, int> ArgMax;
    public readonly Action<KernelConfig, ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmShape> Gemm;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, Conv2dGeometry> Im2Col;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, Conv2dGeometry> Col2Im;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, AdamScalars<T>> Adam;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, int> RowNorms;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, int> Distances;
    public readonly Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, int> Nearest;

    public GpuKernelSet(Accelerator acc)
    {
        Fill = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, T>(ElementwiseGpuKernels.Fill);
        Unary = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int, T, T>(ElementwiseGpuKernels.Unary);
        Binary = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, StridedPair, int>(ElementwiseGpuKernels.Binary);
        Copy = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, StridedPair>(ElementwiseGpuKernels.Copy);
        AddChannelBias = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int, int>(ElementwiseGpuKernels.AddChannelBias);
        ReduceRows = acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, int, int, int>(ReductionGpuKernels.Rows);
        ReduceColumns = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int, int, int, int, int>(ReductionGpuKernels.Columns);
        ArgMax = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int, int>(ReductionGpuKernels.ArgMax);
        Gemm = acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, GemmShape>(GemmGpuKernel.Multiply);
        Im2Col = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, Conv2dGeometry>(ConvGpuKernels.Im2Col);
        Col2Im = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, Conv2dGeometry>(ConvGpuKernels.Col2Im);
        Adam = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, AdamScalars<T>>(AdamGpuKernel.Step);
        RowNorms = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int>(DistanceGpuKernels.RowNorms);
        Distances = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, int>(DistanceGpuKernels.Distances);
        Nearest = acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, int>(DistanceGpuKernels.Nearest);
    }
}
