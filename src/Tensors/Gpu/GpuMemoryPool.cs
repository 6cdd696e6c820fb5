using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MusicCluster.Tensors.Gpu;

/// <summary>Size-bucketed free lists of device buffers, so a training step reuses memory instead of allocating.</summary>
/// <remarks>
/// Buckets have eight sizes per power of two (at most 12.5% slack). The pool keeps a strong reference to every buffer it
/// created, so ILGPU never finalises one behind a storage's back; storages hand theirs back on Dispose or finalisation.
/// Each new buffer adds GC memory pressure, so unreachable storages are collected before device memory runs out.
/// </remarks>
internal sealed class GpuMemoryPool(Accelerator accelerator) : IDisposable
{
    private readonly Dictionary<(Type, long), Stack<MemoryBuffer>> free = [];
    private readonly HashSet<MemoryBuffer> owned = [];
    private readonly Lock sync = new();
    private bool disposed;

    /// <summary>Buffers allocated from the device so far (reuses not counted).</summary>
    public long DeviceAllocations { get; private set; }

    /// <summary>Rents served from a free list.</summary>
    public long Reuses { get; private set; }

    /// <summary>Bytes held on the device, in use or free.</summary>
    public long DeviceBytes { get; private set; }

    /// <summary>The bucket capacity (elements) that serves a request of <paramref name="length"/> elements.</summary>
    public static long BucketOf(long length)
    {
        if (length <= 64) return 64;
        int shift = BitOperations.Log2((ulong)(length - 1)) - 3;
        long quantum = 1L << shift;
        return (length + quantum - 1) / quantum * quantum;
    }

    public MemoryBuffer1D<T, Stride1D.Dense> Rent<T>(long length) where T : unmanaged
    {
        long bucket = BucketOf(length);
        var key = (typeof(T), bucket);
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (free.TryGetValue(key, out var stack) && stack.Count > 0)
            {
                Reuses++;
                return (MemoryBuffer1D<T, Stride1D.Dense>)stack.Pop();
            }
        }
        MemoryBuffer1D<T, Stride1D.Dense> buffer;
        try { buffer = accelerator.Allocate1D<T>(bucket); }
        catch (Exception e) when (e is OutOfMemoryException or AcceleratorException)
        {
            // Device memory may be held by storages that are unreachable but not yet finalised: collect them, then retry.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            lock (sync)
                if (free.TryGetValue(key, out var stack) && stack.Count > 0) { Reuses++; return (MemoryBuffer1D<T, Stride1D.Dense>)stack.Pop(); }
            Trim();
            buffer = accelerator.Allocate1D<T>(bucket);
        }
        long bytes = buffer.LengthInBytes;
        GC.AddMemoryPressure(bytes);
        lock (sync)
        {
            owned.Add(buffer);
            DeviceAllocations++;
            DeviceBytes += bytes;
        }
        return buffer;
    }

    /// <summary>Puts a buffer back on its free list (called from Dispose or a finalizer; ignored once the pool is gone).</summary>
    public void Return<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer) where T : unmanaged
    {
        lock (sync)
        {
            if (disposed || !owned.Contains(buffer)) return;
            var key = (typeof(T), buffer.Length);
            if (!free.TryGetValue(key, out var stack)) free[key] = stack = new Stack<MemoryBuffer>();
            stack.Push(buffer);
        }
    }

    /// <summary>Releases every free buffer back to the device.</summary>
    public void Trim()
    {
        List<MemoryBuffer> release = [];
        lock (sync)
        {
            foreach (var stack in free.Values)
                while (stack.Count > 0) release.Add(stack.Pop());
            foreach (var b in release) { owned.Remove(b); DeviceBytes -= b.LengthInBytes; }
        }
        foreach (var b in release)
        {
            GC.RemoveMemoryPressure(b.LengthInBytes);
            b.Dispose();
        }
    }

    public void Dispose()
    {
        List<MemoryBuffer> all;
        lock (sync)
        {
            if (disposed) return;
            disposed = true;
            all = [.. owned];
            owned.Clear();
            free.Clear();
            DeviceBytes = 0;
        }
        foreach (var b in all)
        {
            GC.RemoveMemoryPressure(b.LengthInBytes);
            b.Dispose();
        }
    }
}
