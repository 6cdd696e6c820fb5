using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MusicCluster.Tensors.Gpu;

/// <summary>Device storage: the first <see cref="Length"/> elements of a pooled ILGPU buffer.</summary>
/// <remarks>Disposing (or finalising) returns the buffer to the backend's pool; tensors never dispose storages themselves.</remarks>
public sealed class GpuStorage<T> : Storage<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GpuBackend backend;
    private readonly int length;
    private MemoryBuffer1D<T, Stride1D.Dense>? buffer;

    internal GpuStorage(GpuBackend backend, MemoryBuffer1D<T, Stride1D.Dense> buffer, int length)
    {
        this.backend = backend;
        this.buffer = buffer;
        this.length = length;
    }

    /// <inheritdoc />
    public override int Length => length;

    /// <inheritdoc />
    public override ITensorBackend Backend => backend;

    internal GpuBackend Owner => backend;

    /// <summary>The elements as a kernel argument.</summary>
    public ArrayView<T> View
    {
        get
        {
            var b = buffer ?? throw new ObjectDisposedException(nameof(GpuStorage<T>), "this GPU storage was disposed");
            return b.View.SubView(0, length);
        }
    }

    /// <summary>Returns the device buffer to the pool now; the storage (and every tensor over it) is unusable afterwards.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    ~GpuStorage() => Release();

    private void Release()
    {
        var b = Interlocked.Exchange(ref buffer, null);
        if (b is not null) backend.Pool.Return(b);
    }
}
