using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using MusicCluster.Tensors.Gpu.Kernels;

namespace MusicCluster.Tensors.Gpu;

public sealed partial class GpuBackend
{
    /// <inheritdoc />
    public Storage<T> Allocate<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var s = Rent<T>(length);
            if (length > 0) s.View.MemSetToZero();
            return s;
        }
    }

    /// <inheritdoc />
    public Storage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var s = Rent<T>(data.Length);
            if (data.Length > 0) s.View.CopyFromCPU(data);
            return s;
        }
    }

    /// <inheritdoc />
    public void Download<T>(Storage<T> src, int offset, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var s = Data(src);
            if ((uint)offset > (uint)s.Length || dst.Length > s.Length - offset)
                throw new ArgumentOutOfRangeException(nameof(offset), $"download of {dst.Length} elements at {offset} from a storage of {s.Length}");
            if (dst.Length == 0) return;
            accelerator.Synchronize();
            s.View.SubView(offset, dst.Length).CopyToCPU(dst);
        }
    }

    /// <inheritdoc />
    public void Fill<T>(Storage<T> dst, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var d = Data(dst);
            if (d.Length > 0) Kernels<T>().Fill(d.Length, d.View, value);
        }
    }

    /// <inheritdoc />
    public void Copy<T>(Storage<T> src, int srcOffset, int[] srcStrides, Storage<T> dst, int dstOffset, int[] dstStrides, int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int total = TensorShape.Numel(shape);
        lock (sync)
        {
            var s = Data(src); var d = Data(dst);
            if (total == 0) return;
            Kernels<T>().Copy(total, s.View, d.View, StridedPair.Create(shape, srcStrides, srcOffset, dstStrides, dstOffset));
        }
    }
}
