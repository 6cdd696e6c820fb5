using System.Numerics;

namespace MusicCluster.Tensors;

/// <summary>A dense n-dimensional array: a view (shape, strides, offset) over a backend's storage.</summary>
/// <remarks>
/// Ops never modify their inputs and return new tensors; reshape, permute, transpose, narrow and broadcast return
/// views that share storage. Kernels run on contiguous data, so ops call <see cref="Contiguous"/> on views first.
/// Use float for training and double for gradient checks.
/// </remarks>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal Tensor(Storage<T> storage, int[] shape, int[] strides, int offset)
    {
        Storage = storage;
        Shape = shape;
        Strides = strides;
        Offset = offset;
        Length = TensorShape.Numel(shape);
    }

    internal Tensor(Storage<T> storage, int[] shape) : this(storage, shape, TensorShape.ContiguousStrides(shape), 0) { }

    /// <summary>The underlying buffer (shared with views).</summary>
    public Storage<T> Storage { get; }

    /// <summary>The dimensions; do not modify the returned array.</summary>
    public int[] Shape { get; }

    /// <summary>Elements to skip per step along each axis (0 on broadcast axes).</summary>
    public int[] Strides { get; }

    /// <summary>Index of the first element in <see cref="Storage"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Number of axes.</summary>
    public int Rank => Shape.Length;

    /// <summary>The backend that owns the storage.</summary>
    public ITensorBackend Backend => Storage.Backend;

    /// <summary>Where the data lives.</summary>
    public DeviceKind Device => Backend.Device;

    /// <summary>Whether the elements are laid out row-major without gaps from <see cref="Offset"/>.</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int i = Rank - 1; i >= 0; i--)
            {
                if (Shape[i] != 1 && Strides[i] != expected) return false;
                expected *= Shape[i];
            }
            return true;
        }
    }

    /// <summary>The size of one axis (negative axes count from the end).</summary>
    public int Size(int axis) => Shape[TensorShape.NormalizeAxis(axis, Rank)];

    /// <summary>This tensor if contiguous, else a contiguous copy.</summary>
    public Tensor<T> Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy that shares nothing with this tensor.</summary>
    public Tensor<T> Clone()
    {
        var storage = Backend.AllocateUninitialized<T>(Length);
        var result = new Tensor<T>(storage, (int[])Shape.Clone());
        Backend.Copy(Storage, Offset, Strides, storage, 0, result.Strides, Shape);
        return result;
    }

    /// <summary>A host copy of the elements in row-major order.</summary>
    public T[] ToArray()
    {
        var c = Contiguous();
        var result = new T[Length];
        c.Backend.Download(c.Storage, c.Offset, result);
        return result;
    }

    /// <summary>The elements of a contiguous host tensor as a writable span (no copy).</summary>
    public Span<T> AsSpan()
    {
        if (Storage is not CpuStorage<T> cpu) throw new InvalidOperationException($"AsSpan needs a CPU tensor; this one is on {Device} (call ToCpu first)");
        if (!IsContiguous) throw new InvalidOperationException($"AsSpan needs a contiguous tensor; this view of shape {TensorShape.Format(Shape)} is strided (call Contiguous first)");
        return cpu.Array.AsSpan(Offset, Length);
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T ToScalar()
    {
        if (Length != 1) throw new InvalidOperationException($"ToScalar needs a one-element tensor, got shape {TensorShape.Format(Shape)}");
        Span<T> one = stackalloc T[1];
        Backend.Download(Storage, Offset, one);
        return one[0];
    }

    /// <summary>One element by its full index (slow: for tests and inspection).</summary>
    public T this[params int[] index]
    {
        get
        {
            if (index.Length != Rank) throw new ArgumentException($"index has {index.Length} components for a tensor of shape {TensorShape.Format(Shape)}");
            int p = Offset;
            for (int i = 0; i < Rank; i++)
            {
                if ((uint)index[i] >= (uint)Shape[i]) throw new IndexOutOfRangeException($"index {index[i]} out of range for axis {i} of shape {TensorShape.Format(Shape)}");
                p += index[i] * Strides[i];
            }
            Span<T> one = stackalloc T[1];
            Backend.Download(Storage, p, one);
            return one[0];
        }
    }

    /// <summary>This tensor on <paramref name="backend"/> (itself when already there).</summary>
    public Tensor<T> To(ITensorBackend backend)
    {
        if (ReferenceEquals(backend, Backend)) return this;
        var host = ToArray();
        return new Tensor<T>(backend.Upload<T>(host), (int[])Shape.Clone());
    }

    /// <summary>This tensor in host memory.</summary>
    public Tensor<T> ToCpu() => To(CpuBackend.Instance);

    /// <summary>Throws unless <paramref name="other"/> lives on the same backend (mixing devices is never implicit).</summary>
    internal void RequireSameBackend(Tensor<T> other, string op)
    {
        if (!ReferenceEquals(Backend, other.Backend))
            throw new InvalidOperationException($"{op}: tensors are on different devices ({Device} and {other.Device}); move one with To(...)");
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor<{typeof(T).Name}>{TensorShape.Format(Shape)} on {Device}";
}
