namespace MusicCluster.Tensors;

/// <summary>Where a tensor's storage lives.</summary>
public enum DeviceKind
{
    /// <summary>Host memory, SIMD CPU kernels.</summary>
    Cpu,
    /// <summary>Accelerator memory through ILGPU (CUDA, or ILGPU's CPU accelerator in tests).</summary>
    Gpu,
}
