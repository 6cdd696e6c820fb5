using System.Numerics;
using MusicCluster.Tensors;
using MusicCluster.Tensors.Gpu;
using static MusicCluster.Tensors.Tests.Gpu.GpuCheck;

namespace MusicCluster.Tensors.Tests.Gpu;

public class GpuLinearAlgebraTests
{
    [Fact]
    public void MatMulAllTransposesOddSizes()
    {
        var rng = new SeededRandom(7);
        // 19×23 with k = 37: none divides the tile (16 on the CPU accelerator, 64 on CUDA) or the K step (16).
        foreach (var (m, n, k) in new[] { (19, 23, 37), (1, 5, 3), (33, 1, 17) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var a = Random(rng, -1.0, 1.0, ta ? k : m, ta ? m : k);
                    var b = Random(rng, -1.0, 1.0, tb ? n : k, tb ? k : n);
                    Agrees(Tensor<double>.MatMul(a, b, ta, tb), Tensor<double>.MatMul(a.OnGpu(), b.OnGpu(), ta, tb), 1e-12, $"{m}x{n}x{k} ta={ta} tb={tb}");
                }
        var af = Random(rng, -1f, 1f, 21, 30);
        var bf = Random(rng, -1f, 1f, 30, 18);
        Agrees(af.MatMul(bf), af.OnGpu().MatMul(bf.OnGpu()), 1e-5, "float");
        // A transposed view is read in place by the kernel (no copy on either backend).
        Agrees(af.Transpose().MatMul(af), af.OnGpu().Transpose().MatMul(af.OnGpu()), 1e-5, "view transpose");
    }

    [Fact]
    public void BatchedMatMulWithBroadcastOperand()
    {
        var rng = new SeededRandom(8);
        var a = Random(rng, -1.0, 1.0, 3, 2, 9, 11);
        var b = Random(rng, -1.0, 1.0, 3, 2, 11, 5);
        var w = Random(rng, -1.0, 1.0, 11, 5);
        var l = Random(rng, -1.0, 1.0, 7, 9);
        Agrees(a.MatMul(b), a.OnGpu().MatMul(b.OnGpu()), 1e-12, "batched");
        Agrees(a.MatMul(w), a.OnGpu().MatMul(w.OnGpu()), 1e-12, "batch stride 0 on B");
        Agrees(l.MatMul(a), l.OnGpu().MatMul(a.OnGpu()), 1e-12, "batch stride 0 on A");
        Agrees(Tensor<double>.MatMul(a, b, false, false), Tensor<double>.MatMul(a.OnGpu(), b.Transpose().Contiguous().OnGpu(), false, true), 1e-12, "batched transB");
        var empty = Tensor<double>.MatMul(Tensor<double>.ZerosOn(Backend, 4, 0), Tensor<double>.ZerosOn(Backend, 0, 3));
        Assert.All(empty.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Conv2dForwardAndBackwardMatchCpu()
    {
        var rng = new SeededRandom(9);
        foreach (var (stride, padding) in new[] { (1, 0), (2, 1), (1, 1) })
        {
            var x = Random(rng, -1.0, 1.0, 2, 3, 7, 6);
            var w = Random(rng, -1.0, 1.0, 4, 3, 3, 3);
            var bias = Random(rng, -1.0, 1.0, 4);
            string name = $"stride {stride} padding {padding}";
            var y = Tensor<double>.Conv2d(x, w, bias, stride, padding);
            var gy = Tensor<double>.Conv2d(x.OnGpu(), w.OnGpu(), bias.OnGpu(), stride, padding);
            Agrees(y, gy, 1e-12, "forward " + name);
            var dy = Random(rng, -1.0, 1.0, y.Shape);
            Agrees(Tensor<double>.Conv2dBackwardInput(dy, w, x.Shape, stride, padding),
                Tensor<double>.Conv2dBackwardInput(dy.OnGpu(), w.OnGpu(), x.Shape, stride, padding), 1e-12, "backward input " + name);
            Agrees(Tensor<double>.Conv2dBackwardWeight(x, dy, w.Shape, stride, padding),
                Tensor<double>.Conv2dBackwardWeight(x.OnGpu(), dy.OnGpu(), w.Shape, stride, padding), 1e-12, "backward weight " + name);
        }
        var xf = Random(rng, -1f, 1f, 1, 2, 9, 9);
        var wf = Random(rng, -1f, 1f, 3, 2, 4, 4);
        Agrees(Tensor<float>.Conv2d(xf, wf, null, 2, 1), Tensor<float>.Conv2d(xf.OnGpu(), wf.OnGpu(), null, 2, 1), 1e-5, "float forward");
        var dyf = Random(rng, -1f, 1f, Tensor<float>.Conv2d(xf, wf, null, 2, 1).Shape);
        Agrees(Tensor<float>.Conv2dBackwardWeight(xf, dyf, wf.Shape, 2, 1), Tensor<float>.Conv2dBackwardWeight(xf.OnGpu(), dyf.OnGpu(), wf.Shape, 2, 1), 1e-5, "float backward weight (batch 1)");
    }

    [Fact]
    public void ConvolutionsChunkTheBatchWhenScratchIsCapped()
    {
        using var backend = GpuBackend.CreateCpuAccelerator();
        var rng = new SeededRandom(15);
        var x = Random(rng, -1.0, 1.0, 3, 2, 5, 5);
        var w = Random(rng, -1.0, 1.0, 4, 2, 3, 3);
        var bias = Random(rng, -1.0, 1.0, 4);
        var y = Tensor<double>.Conv2d(x, w, bias, 2, 1);
        var dy = Random(rng, -1.0, 1.0, y.Shape);
        // One image's im2col block is 18×9 = 162 elements: caps of 200 and 400 give chunks of one and two images.
        foreach (long cap in new long[] { 200, 400 })
        {
            backend.ConvScratchElements = cap;
            Agrees(y, Tensor<double>.Conv2d(x.To(backend), w.To(backend), bias.To(backend), 2, 1), 1e-12, $"forward, cap {cap}");
            Agrees(Tensor<double>.Conv2dBackwardInput(dy, w, x.Shape, 2, 1),
                Tensor<double>.Conv2dBackwardInput(dy.To(backend), w.To(backend), x.Shape, 2, 1), 1e-12, $"backward input, cap {cap}");
            Agrees(Tensor<double>.Conv2dBackwardWeight(x, dy, w.Shape, 2, 1),
                Tensor<double>.Conv2dBackwardWeight(x.To(backend), dy.To(backend), w.Shape, 2, 1), 1e-12, $"backward weight, cap {cap}");
        }
    }

    [Fact]
    public void ConvTranspose2dWithOutputPadding()
    {
        var rng = new SeededRandom(10);
        var x = Random(rng, -1.0, 1.0, 2, 4, 4, 5);
        var w = Random(rng, -1.0, 1.0, 4, 3, 3, 3);
        var bias = Random(rng, -1.0, 1.0, 3);
        var y = Tensor<double>.ConvTranspose2d(x, w, bias, stride: 2, padding: 1, outputPadding: 1);
        Assert.Equal([2, 3, 8, 10], y.Shape);
        Agrees(y, Tensor<double>.ConvTranspose2d(x.OnGpu(), w.OnGpu(), bias.OnGpu(), 2, 1, 1), 1e-12, "forward");
        var dy = Random(rng, -1.0, 1.0, y.Shape);
        Agrees(Tensor<double>.ConvTranspose2dBackwardInput(dy, w, x.Shape, 2, 1, 1),
            Tensor<double>.ConvTranspose2dBackwardInput(dy.OnGpu(), w.OnGpu(), x.Shape, 2, 1, 1), 1e-12, "backward input");
        Agrees(Tensor<double>.ConvTranspose2dBackwardWeight(x, dy, w.Shape, 2, 1, 1),
            Tensor<double>.ConvTranspose2dBackwardWeight(x.OnGpu(), dy.OnGpu(), w.Shape, 2, 1, 1), 1e-12, "backward weight");
    }

    [Fact]
    public void AdamStepMatchesCpu()
    {
        foreach (bool decoupled in new[] { false, true })
        {
            var rng = new SeededRandom(11);
            int n = 53;
            var p = Random(rng, -1f, 1f, n); var m = Tensor<float>.Zeros(n); var v = Tensor<float>.Zeros(n);
            var gp = p.OnGpu(); var gm = m.OnGpu(); var gv = v.OnGpu();
            for (int step = 1; step <= 3; step++)
            {
                var grad = Random(rng, -1f, 1f, n);
                var h = new AdamHyperparameters<float>(1e-2f, 0.9f, 0.999f, 1e-8f, 0.05f, decoupled, step);
                CpuBackend.Instance.AdamStep(p.Storage, grad.Storage, m.Storage, v.Storage, n, h);
                Backend.AdamStep(gp.Storage, grad.OnGpu().Storage, gm.Storage, gv.Storage, n, h);
            }
            Agrees(p, gp, 1e-5, $"param decoupled={decoupled}");
            Agrees(m, gm, 1e-5, "m");
            Agrees(v, gv, 1e-5, "v");
        }
    }
}
