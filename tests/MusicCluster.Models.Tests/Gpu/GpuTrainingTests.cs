using MusicCluster.Autograd;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;
using MusicCluster.Tensors.Gpu;
using static MusicCluster.Models.Tests.TestData;

namespace MusicCluster.Models.Tests.Gpu;

/// <summary>The models run unchanged on the ILGPU backend (its CPU accelerator in CI) and agree with the CPU backend.</summary>
public class GpuTrainingTests
{
    private static readonly GpuBackend Gpu = DeviceSelection.CpuAccelerator;

    private static ConvVae Model() => new(new ConvVaeConfig(Height: 8, Width: 8, Channels: [2, 4], Latent: 3), seed: 5);

    [Fact]
    public void ConvVaeTrainingStepsGiveTheSameLossOnBothBackends()
    {
        var data = StructuredPatches(4, 1, 8, 8, seed: 6);
        var cpu = Model();
        var gpu = Model();
        gpu.To(Gpu);
        Assert.Equal(DeviceKind.Gpu, gpu.Backend.Device);
        var cpuOpt = new Adam<float>(cpu.NamedParameters(), 1e-2);
        var gpuOpt = new Adam<float>(gpu.NamedParameters(), 1e-2);
        for (int step = 0; step < 3; step++)
        {
            var lc = Step(cpu, cpuOpt, data);
            var lg = Step(gpu, gpuOpt, data.To(Gpu));
            Assert.True(Math.Abs(lc - lg) <= 1e-4 * Math.Abs(lc), $"step {step}: loss {lc} on the CPU, {lg} on the GPU backend");
        }
        foreach (var ((name, pc), (_, pg)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
        {
            Assert.Equal(DeviceKind.Gpu, pg.Data.Device);
            AssertClose(pc.Data.ToArray(), pg.Data.ToArray(), 1e-5, 1e-4, name);
        }
    }

    private static double Step(ConvVae model, Adam<float> optimizer, Tensor<float> x)
    {
        optimizer.ZeroGrad();
        var loss = model.Loss(new Variable<float>(x));
        loss.Total.Backward();
        optimizer.Step();
        return loss.Value;
    }

    [Fact]
    public void TrainingStepsReusePooledDeviceMemory()
    {
        // A private backend, so tests running in parallel on the shared one do not disturb the count.
        using var backend = GpuBackend.CreateCpuAccelerator();
        var model = Model();
        model.To(backend);
        var optimizer = new Adam<float>(model.NamedParameters(), 1e-2);
        var x = StructuredPatches(4, 1, 8, 8, seed: 9).To(backend);
        for (int i = 0; i < 2; i++) { Step(model, optimizer, x); Collect(); }
        long warm = backend.DeviceAllocations;
        for (int i = 0; i < 3; i++) { Step(model, optimizer, x); Collect(); }
        Assert.Equal(warm, backend.DeviceAllocations);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void TrainerRunsOnTheGpuBackend()
    {
        var data = StructuredPatches(6, 1, 8, 8, seed: 7);
        var options = new TrainerOptions(Epochs: 2, BatchSize: 3, Seed: 8);
        var cpu = Model();
        var gpu = Model();
        gpu.To(Gpu);
        var rc = new Trainer(cpu, new Adam<float>(cpu.NamedParameters(), 1e-2), options).Fit(data);
        var rg = new Trainer(gpu, new Adam<float>(gpu.NamedParameters(), 1e-2), options).Fit(data);
        for (int e = 0; e < rc.Count; e++)
            Assert.True(Math.Abs(rc[e].Loss - rg[e].Loss) <= 1e-4 * Math.Abs(rc[e].Loss), $"epoch {e + 1}: {rc[e].Loss} vs {rg[e].Loss}");
        var embedding = gpu.Embed(data);
        Assert.Equal(DeviceKind.Cpu, embedding.Device);
        Assert.Equal([6, 3], embedding.Shape);
    }
}
