using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using MusicCluster.Tensors;
using MusicCluster.Tensors.Gpu;
using MusicCluster.Tensors.Gpu.Kernels;
using static MusicCluster.Tensors.Tests.Gpu.GpuCheck;

namespace MusicCluster.Tensors.Tests.Gpu;

public class GpuInfrastructureTests
{
    [Fact]
    public void EveryKernelCompilesToPtx()
    {
        // The CPU accelerator runs kernels as .NET code, so it would accept constructs CUDA cannot compile.
        // ILGPU's PTX backend needs no GPU: compiling every kernel for sm_80 proves they are valid device code.
        var kernels = typeof(GemmGpuKernel).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(GemmGpuKernel).Namespace && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(ArrayView<>)))
            .ToList();
        Assert.True(kernels.Count >= 12, $"found only {kernels.Count} kernels");
        using var context = GpuBackend.CreateContext();
        using var ptx = new PTXBackend(context, new CudaArchitecture(8, 0), new CudaInstructionSet(7, 8), null!);
        foreach (var kernel in kernels)
            foreach (var type in new[] { typeof(float), typeof(double) })
            {
                var method = kernel.MakeGenericMethod(type);
                var entry = kernel.GetParameters()[0].ParameterType == typeof(Index1D)
                    ? EntryPointDescription.FromImplicitlyGroupedKernel(method)
                    : EntryPointDescription.FromExplicitlyGroupedKernel(method);
                var specialization = new KernelSpecialization();
                var compiled = (PTXCompiledKernel)ptx.Compile(entry, specialization);
                Assert.Contains(".entry", compiled.PTXAssembly);
            }
    }

    [Fact]
    public void RepeatedWorkloadReusesPooledMemory()
    {
        using var backend = GpuBackend.CreateCpuAccelerator();
        var rng = new SeededRandom(12);
        var x = Random(rng, -1f, 1f, 2, 3, 6, 6).To(backend);
        var w = Random(rng, -1f, 1f, 4, 3, 3, 3).To(backend);
        float Step()
        {
            var y = Tensor<float>.Conv2d(x, w, null, 2, 1).Relu();
            var gw = Tensor<float>.Conv2dBackwardWeight(x, y, w.Shape, 2, 1);
            return (y.Sum() + gw.Square().Mean()).ToScalar();
        }
        float first = Step();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long allocations = backend.DeviceAllocations;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(first, Step());
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.Equal(allocations, backend.DeviceAllocations);
        Assert.True(backend.DeviceBytes > 0);
        backend.TrimPool();
    }

    [Fact]
    public void DisposedStorageReturnsToPoolAndBucketsAreTight()
    {
        using var backend = GpuBackend.CreateCpuAccelerator();
        var s = (GpuStorage<double>)backend.Allocate<double>(1000);
        long before = backend.DeviceAllocations;
        s.Dispose();
        var again = (GpuStorage<double>)backend.Allocate<double>(999);
        Assert.Equal(before, backend.DeviceAllocations);
        Assert.All(Tensor<double>.ZerosOn(backend, 999).ToArray(), v => Assert.Equal(0.0, v));
        Assert.Throws<ObjectDisposedException>(() => s.View);
        again.Dispose();
        foreach (long n in new long[] { 1, 64, 65, 1000, 1 << 20, (1 << 20) + 1 })
        {
            long bucket = GpuMemoryPool.BucketOf(n);
            Assert.True(bucket >= n && bucket <= Math.Max(64, n + n / 8), $"bucket {bucket} for {n}");
        }
    }

    [Fact]
    public void StorageFromAnotherGpuBackendIsRejected()
    {
        using var other = GpuBackend.CreateCpuAccelerator();
        var a = Tensor<float>.Ones(4).To(other);
        var e = Assert.Throws<InvalidOperationException>(() => Backend.Unary(UnaryOp.Neg, a.Storage, Backend.Allocate<float>(4), 4, 0f, 0f));
        Assert.Contains("To(backend)", e.Message);
    }

    [Fact]
    public void DeviceSelectionExplainsItsChoice()
    {
        var cpu = DeviceSelection.Resolve("cpu");
        Assert.Same(CpuBackend.Instance, cpu.Backend);
        Assert.Contains("cpu", cpu.Notice);

        var accel = DeviceSelection.Resolve("gpu-cpu-accelerator");
        Assert.Same(DeviceSelection.CpuAccelerator, accel.Backend);
        Assert.Equal(DeviceKind.Gpu, accel.Backend!.Device);

        var unknown = DeviceSelection.Resolve("tpu");
        Assert.False(unknown.Succeeded);
        Assert.Contains("tpu", unknown.Notice);
        Assert.Contains("cpu, gpu, auto", unknown.Notice);

        var gpu = DeviceSelection.Resolve("GPU");
        var auto = DeviceSelection.Resolve("auto");
        if (GpuBackend.IsCudaAvailable())
        {
            Assert.True(gpu.Succeeded && ((GpuBackend)gpu.Backend!).IsCuda);
            Assert.Same(gpu.Backend, auto.Backend);
        }
        else
        {
            Assert.False(gpu.Succeeded);
            Assert.Contains("no CUDA GPU", gpu.Notice);
            Assert.Contains("--device cpu", gpu.Notice);
            Assert.Same(CpuBackend.Instance, auto.Backend);
            Assert.Contains("found no CUDA GPU", auto.Notice);
        }
    }
}
