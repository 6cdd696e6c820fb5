using System.Numerics;
using System.Numerics.Tensors;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors;

/// <summary>The host backend: managed arrays and SIMD kernels (TensorPrimitives, the GEMM micro-kernel).</summary>
public sealed class CpuBackend : ITensorBackend
{
    /// <summary>The single instance.</summary>
    public static CpuBackend Instance { get; } = new();

    private CpuBackend() { }

    /// <inheritdoc />
    public DeviceKind Device => DeviceKind.Cpu;

    internal static T[] Data<T>(Storage<T> s) where T : unmanaged, IFloatingPointIeee754<T>
        => s is CpuStorage<T> c ? c.Array : throw new InvalidOperationException($"storage on {s.Backend.Device} passed to the CPU backend");

    /// <inheritdoc />
    public Storage<T> Allocate<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reused = CpuArrayPool<T>.Rent(length);
        if (reused is null) return new CpuStorage<T>(new T[length]);
        Array.Clear(reused);
        return new CpuStorage<T>(reused);
    }

    /// <inheritdoc />
    /// <remarks>Zeroing a multi-megabyte activation costs about a third of a ReLU over it; outputs are overwritten anyway.</remarks>
    public Storage<T> AllocateUninitialized<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var array = CpuArrayPool<T>.Rent(length) ?? GC.AllocateUninitializedArray<T>(length);
        if (PoisonUninitialized) array.AsSpan().Fill(T.NaN);
        return new CpuStorage<T>(array);
    }

    /// <inheritdoc />
    /// <remarks>The array goes to a pool of exact lengths that <see cref="Allocate{T}"/> and <see cref="AllocateUninitialized{T}"/> draw from.</remarks>
    public void Recycle<T>(Storage<T> storage) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (storage is CpuStorage<T> cpu) CpuArrayPool<T>.Return(cpu.Array);
    }

    /// <summary>Tests set this to fill uninitialized buffers with NaN, so an element a kernel fails to write shows up.</summary>
    internal static bool PoisonUninitialized { get; set; }

    /// <inheritdoc />
    public Storage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged, IFloatingPointIeee754<T> => new CpuStorage<T>(data.ToArray());

    /// <inheritdoc />
    public void Download<T>(Storage<T> src, int offset, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
        => Data(src).AsSpan(offset, dst.Length).CopyTo(dst);

    /// <inheritdoc />
    public void Fill<T>(Storage<T> dst, T value) where T : unmanaged, IFloatingPointIeee754<T> => Data(dst).AsSpan().Fill(value);

    /// <inheritdoc />
    public void Copy<T>(Storage<T> src, int srcOffset, int[] srcStrides, Storage<T> dst, int dstOffset, int[] dstStrides, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        => StridedCopyKernel.Copy(Data(src), srcOffset, srcStrides, Data(dst), dstOffset, dstStrides, shape);

    /// <inheritdoc />
    public void Unary<T>(UnaryOp op, Storage<T> x, Storage<T> y, int length, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseKernels.Unary(op, Data(x).AsSpan(0, length), Data(y).AsSpan(0, length), p0, p1);

    /// <inheritdoc />
    public void Binary<T>(BinaryOp op, Storage<T> a, int aOffset, int[] aStrides, Storage<T> b, int bOffset, int[] bStrides, int[] shape, Storage<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ElementwiseKernels.Binary(op, Data(a), aOffset, aStrides, Data(b), bOffset, bStrides, shape, Data(y));

    /// <inheritdoc />
    public void Reduce<T>(ReduceOp op, Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => ReductionKernels.Reduce(op, Data(x), outer, reduce, inner, Data(y));

    /// <inheritdoc />
    public void ArgMax<T>(Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => ReductionKernels.ArgMax(Data(x), outer, reduce, inner, Data(y));

    /// <inheritdoc />
    public void MatMul<T>(Storage<T> a, int aBatchStride, bool transA, Storage<T> b, int bBatchStride, bool transB,
        Storage<T> c, int batch, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var A = Data(a); var B = Data(b); var C = Data(c);
        int lda = transA ? m : k, ldb = transB ? k : n;
        for (int i = 0; i < batch; i++)
            Gemm.Multiply(transA, transB, m, n, k,
                A.AsSpan(i * aBatchStride, m * k), lda, B.AsSpan(i * bBatchStride, k * n), ldb,
                C.AsSpan(i * m * n, m * n), n);
    }

    /// <inheritdoc />
    public void Conv2d<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> weight, Storage<T>? bias, Storage<T> output) where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dKernels.Forward(g, Data(input), Data(weight), bias is null ? ReadOnlySpan<T>.Empty : Data(bias), Data(output));

    /// <inheritdoc />
    public void Conv2dBackwardInput<T>(in Conv2dGeometry g, Storage<T> gradOutput, Storage<T> weight, Storage<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dKernels.BackwardInput(g, Data(gradOutput), Data(weight), Data(gradInput));

    /// <inheritdoc />
    public void Conv2dBackwardWeight<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> gradOutput, Storage<T> gradWeight) where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2dKernels.BackwardWeight(g, Data(input), Data(gradOutput), Data(gradWeight));

    /// <inheritdoc />
    public void AdamStep<T>(Storage<T> param, Storage<T> grad, Storage<T> m, Storage<T> v, int length, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
        => OptimizerKernels.AdamStep(Data(param).AsSpan(0, length), Data(grad).AsSpan(0, length), Data(m).AsSpan(0, length), Data(v).AsSpan(0, length), h);
}
