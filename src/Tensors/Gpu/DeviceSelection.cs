namespace MusicCluster.Tensors.Gpu;

/// <summary>The outcome of resolving a <c>--device</c> value: a backend, or none with an error in <see cref="Notice"/>.</summary>
/// <param name="Backend">The backend to run on; null when the request cannot be met.</param>
/// <param name="Notice">One human-readable line: what was chosen and why, or why nothing could be.</param>
public sealed record DeviceChoice(ITensorBackend? Backend, string Notice)
{
    /// <summary>Whether a backend was found.</summary>
    public bool Succeeded => Backend is not null;
}

/// <summary>Maps the CLI's <c>--device cpu|gpu|auto</c> (and <c>gpu-cpu-accelerator</c> for kernel tests) to a backend.</summary>
/// <remarks>GPU backends are created once per process and shared; they are disposed when the process exits.</remarks>
public static class DeviceSelection
{
    /// <summary>The accepted device names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "gpu", "auto", "gpu-cpu-accelerator"];

    private static readonly Lazy<GpuBackend?> cuda = new(() => Shared(() => GpuBackend.IsCudaAvailable() ? GpuBackend.Create(preferCuda: true) : null));
    private static readonly Lazy<GpuBackend?> cpuAccelerator = new(() => Shared(GpuBackend.CreateCpuAccelerator));

    /// <summary>The process-wide backend on ILGPU's CPU accelerator.</summary>
    public static GpuBackend CpuAccelerator => cpuAccelerator.Value!;

    /// <summary>The process-wide CUDA backend, or null when there is no CUDA device.</summary>
    public static GpuBackend? Cuda => cuda.Value;

    /// <summary>Resolves a device name (case-insensitive); never throws for a missing GPU.</summary>
    public static DeviceChoice Resolve(string device)
    {
        switch (device.Trim().ToLowerInvariant())
        {
            case "cpu":
                return new DeviceChoice(CpuBackend.Instance, "device: cpu (SIMD backend)");
            case "gpu":
            {
                var gpu = TryCuda(out string? why);
                return gpu is not null
                    ? new DeviceChoice(gpu, $"device: gpu ({gpu.DeviceName}, CUDA through ILGPU)")
                    : new DeviceChoice(null, $"--device gpu: no CUDA GPU is available ({why}); use --device cpu, or --device auto to fall back to the CPU");
            }
            case "auto":
            {
                var gpu = TryCuda(out string? why);
                return gpu is not null
                    ? new DeviceChoice(gpu, $"device: gpu ({gpu.DeviceName}, CUDA through ILGPU), chosen by --device auto")
                    : new DeviceChoice(CpuBackend.Instance, $"device: cpu — --device auto found no CUDA GPU ({why}), running on the CPU backend");
            }
            case "gpu-cpu-accelerator":
                return new DeviceChoice(CpuAccelerator, "device: gpu-cpu-accelerator (ILGPU kernels on the CPU accelerator; slow, for testing kernels)");
            default:
                return new DeviceChoice(null, $"--device: unknown device '{device}'; expected one of {string.Join(", ", Names)}");
        }
    }

    private static GpuBackend? TryCuda(out string? why)
    {
        try
        {
            var gpu = cuda.Value;
            why = gpu is null ? "ILGPU found no CUDA device or driver" : null;
            return gpu;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            why = $"CUDA initialisation failed: {e.Message}";
            return null;
        }
    }

    private static GpuBackend? Shared(Func<GpuBackend?> create)
    {
        var backend = create();
        if (backend is not null) AppDomain.CurrentDomain.ProcessExit += (_, _) => backend.Dispose();
        return backend;
    }
}
