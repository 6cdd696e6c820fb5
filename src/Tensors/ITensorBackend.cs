using System.Numerics;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors;

/// <summary>Storage and kernels of one device. Tensor ops validate shapes, then call these on contiguous storages.</summary>
/// <remarks>Every storage argument belongs to this backend; outputs are fully overwritten unless a method says otherwise.</remarks>
public interface ITensorBackend
{
    /// <summary>The device this backend runs on.</summary>
    DeviceKind Device { get; }

    /// <summary>A zero-filled buffer.</summary>
    Storage<T> Allocate<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>A buffer with unspecified contents, for outputs that a kernel overwrites completely (skips the zero fill).</summary>
    Storage<T> AllocateUninitialized<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => Allocate<T>(length);

    /// <summary>Hands a buffer back for reuse by later allocations; the caller guarantees that no tensor over it is read again.</summary>
    void Recycle<T>(Storage<T> storage) where T : unmanaged, IFloatingPointIeee754<T> { }

    /// <summary>A buffer holding a copy of host data.</summary>
    Storage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Copies <c>dst.Length</c> elements starting at <paramref name="offset"/> to the host.</summary>
    void Download<T>(Storage<T> src, int offset, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    void Fill<T>(Storage<T> dst, T value) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Copies a strided view of <paramref name="src"/> onto a strided view of <paramref name="dst"/>, element by element over <paramref name="shape"/>.</summary>
    void Copy<T>(Storage<T> src, int srcOffset, int[] srcStrides, Storage<T> dst, int dstOffset, int[] dstStrides, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = op(x) element-wise over the first <paramref name="length"/> elements.</summary>
    void Unary<T>(UnaryOp op, Storage<T> x, Storage<T> y, int length, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y[i] = op(a[·], b[·]) over <paramref name="shape"/>; a and b are read through strides (0 where broadcast).</summary>
    void Binary<T>(BinaryOp op, Storage<T> a, int aOffset, int[] aStrides, Storage<T> b, int bOffset, int[] bStrides, int[] shape, Storage<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y[o, i] = op over r of x[o, r, i], for a contiguous [outer, reduce, inner] x.</summary>
    void Reduce<T>(ReduceOp op, Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y[o, i] = index r of the first maximum of x[o, r, i], stored as T.</summary>
    void ArgMax<T>(Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>For each batch b: C_b = op(A_b)·op(B_b); a batch stride of 0 broadcasts that operand.</summary>
    void MatMul<T>(Storage<T> a, int aBatchStride, bool transA, Storage<T> b, int bBatchStride, bool transB,
        Storage<T> c, int batch, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Convolution forward (bias may be null).</summary>
    void Conv2d<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> weight, Storage<T>? bias, Storage<T> output) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Gradient of a convolution with respect to its input.</summary>
    void Conv2dBackwardInput<T>(in Conv2dGeometry g, Storage<T> gradOutput, Storage<T> weight, Storage<T> gradInput) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Gradient of a convolution with respect to its weight.</summary>
    void Conv2dBackwardWeight<T>(in Conv2dGeometry g, Storage<T> input, Storage<T> gradOutput, Storage<T> gradWeight) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>One fused Adam/AdamW step over a parameter buffer, updating param, m and v in place.</summary>
    /// <remarks>PyTorch semantics: decoupled decay (AdamW) multiplies param by 1 − lr·decay first; coupled decay (Adam) adds decay·param to the gradient.</remarks>
    void AdamStep<T>(Storage<T> param, Storage<T> grad, Storage<T> m, Storage<T> v, int length, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
