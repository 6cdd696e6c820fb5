using System.Numerics;
using MusicCluster.Tensors;
using MusicCluster.Tensors.Gpu;

namespace MusicCluster.Tensors.Tests.Gpu;

/// <summary>Shared helpers: the ILGPU CPU-accelerator backend and CPU-vs-GPU comparisons.</summary>
internal static class GpuCheck
{
    public static GpuBackend Backend => DeviceSelection.CpuAccelerator;

    public static Tensor<T> Random<T>(SeededRandom rng, T lo, T hi, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor<T>.Uniform(rng, lo, hi, shape);

    public static Tensor<T> OnGpu<T>(this Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => t.To(Backend);

    /// <summary>|gpu − cpu| ≤ rtol·max(|cpu|, 1) element-wise, same shape, NaN where NaN; the message names the element.</summary>
    public static void Agrees<T>(Tensor<T> cpu, Tensor<T> gpu, double rtol, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(DeviceKind.Gpu, gpu.Device);
        Assert.Equal(cpu.Shape, gpu.Shape);
        var e = cpu.ToArray(); var a = gpu.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            double x = double.CreateTruncating(e[i]), y = double.CreateTruncating(a[i]);
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                Assert.True(double.IsNaN(x) && double.IsNaN(y), $"{what}: element {i}: cpu {x}, gpu {y}");
                continue;
            }
            if (double.IsInfinity(x)) { Assert.True(x == y, $"{what}: element {i}: cpu {x}, gpu {y}"); continue; }
            Assert.True(Math.Abs(x - y) <= rtol * Math.Max(Math.Abs(x), 1), $"{what}: element {i} of {e.Length}: cpu {x}, gpu {y}");
        }
    }
}
