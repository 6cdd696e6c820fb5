using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using MusicCluster.Tensors.Gpu.Kernels;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors.Gpu;

/// <summary>The ILGPU backend: device buffers from a pool and ILGPU kernels, on a CUDA GPU or ILGPU's CPU accelerator.</summary>
/// <remarks>
/// Calls are serialised (one lock) and run in order on the accelerator's default stream, so a scratch buffer may be
/// returned to the pool as soon as the kernels that use it are enqueued. Dispose releases all device memory; tensors
/// on a disposed backend are unusable.
/// </remarks>
public sealed partial class GpuBackend : ITensorBackend, IDisposable
{
    // CUDA caps grid Y and Z at 65535.
    private const int MaxGridYZ = 65535;

    private readonly Context context;
    private readonly Accelerator accelerator;
    private readonly Dictionary<Type, object> kernelSets = [];
    private readonly Lock sync = new();
    private readonly int reduceGroup, gemmSide;
    private bool disposed;

    private GpuBackend(Context context, Accelerator accelerator)
    {
        this.context = context;
        this.accelerator = accelerator;
        Pool = new GpuMemoryPool(accelerator);
        int maxGroup = Math.Min(accelerator.MaxNumThreadsPerGroup, ReductionGpuKernels.MaxGroupSize);
        reduceGroup = 1 << BitOperations.Log2((uint)maxGroup);
        gemmSide = 1;
        while (gemmSide * 2 <= GemmGpuKernel.MaxGroupSide && (gemmSide * 2) * (gemmSide * 2) <= accelerator.MaxNumThreadsPerGroup) gemmSide *= 2;
    }

    /// <summary>A backend on the first CUDA device when <paramref name="preferCuda"/> and one exists, else on ILGPU's CPU accelerator.</summary>
    public static GpuBackend Create(bool preferCuda = true)
    {
        var context = CreateContext();
        try
        {
            var cudaDevices = context.GetCudaDevices();
            Device? device = preferCuda && cudaDevices.Count > 0 ? cudaDevices[0] : null;
            device ??= context.GetCPUDevice(0);
            return new GpuBackend(context, device.CreateAccelerator(context));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>A backend on ILGPU's CPU accelerator (slow; for tests and for debugging kernels without a GPU).</summary>
    public static GpuBackend CreateCpuAccelerator() => Create(preferCuda: false);

    /// <summary>Whether ILGPU finds a CUDA device on this machine.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            using var context = Context.Create(b => b.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missing or broken driver means no usable CUDA device, not a crash.
            return false;
        }
    }

    internal static Context CreateContext() => Context.Create(b => b.Cuda().CPU().EnableAlgorithms());

    /// <inheritdoc />
    public DeviceKind Device => DeviceKind.Gpu;

    /// <summary>True when running on a CUDA GPU rather than ILGPU's CPU accelerator.</summary>
    public bool IsCuda => accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>The accelerator's name, e.g. "NVIDIA H100 80GB HBM3" or "CPUAccelerator".</summary>
    public string DeviceName => accelerator.Name;

    internal GpuMemoryPool Pool { get; }

    /// <summary>Device buffers allocated so far; stays flat once a repeated workload has warmed the pool.</summary>
    public long DeviceAllocations => Pool.DeviceAllocations;

    /// <summary>Bytes of device memory held (in use or pooled).</summary>
    public long DeviceBytes => Pool.DeviceBytes;

    /// <summary>Releases pooled (unused) device buffers.</summary>
    public void TrimPool() => Pool.Trim();

    /// <summary>Waits for all enqueued kernels (for timing).</summary>
    public void Synchronize() { lock (sync) accelerator.Synchronize(); }

    /// <inheritdoc />
    public override string ToString() => $"GpuBackend({accelerator.AcceleratorType}: {accelerator.Name})";

    /// <summary>Frees all device memory, the accelerator and the ILGPU context.</summary>
    public void Dispose()
    {
        lock (sync)
        {
            if (disposed) return;
            disposed = true;
            Pool.Dispose();
            accelerator.Dispose();
            context.Dispose();
        }
    }

    private GpuKernelSet<T> Kernels<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!kernelSets.TryGetValue(typeof(T), out var set)) kernelSets[typeof(T)] = set = new GpuKernelSet<T>(accelerator);
        return (GpuKernelSet<T>)set;
    }

    private GpuStorage<T> Data<T>(Storage<T> s) where T : unmanaged, IFloatingPointIeee754<T>
        => s is GpuStorage<T> g && ReferenceEquals(g.Owner, this) ? g
            : throw new InvalidOperationException($"storage on {s.Backend} passed to {this}; move tensors with To(backend) first");

    // Uninitialised storage for kernel outputs that are fully overwritten, and for scratch.
    private GpuStorage<T> Rent<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, Pool.Rent<T>(length), length);
}
