using System.Numerics;
using System.Numerics.Tensors;

namespace MusicCluster.Tensors.Kernels;

/// <summary>2-D convolution (cross-correlation, as PyTorch) forward and backward on NCHW spans.</summary>
/// <remarks>
/// im2col + <see cref="Gemm"/>: per image, out = W[Cout×K] · cols[K×S] with K = Cin·kh·kw and S = OH·OW.
/// The batch is split into one contiguous range of images per core when it is large enough; each image's result
/// depends only on its own data, and the weight gradient sums images in fixed-size chunks through GEMMs whose
/// rounding does not depend on their split, so results never depend on the thread count.
/// </remarks>
public static class Conv2dKernels
{
    // Work (multiply-adds) below which a batch runs on one thread.
    private const long ParallelThreshold = 1L << 20;

    // The weight gradient unfolds this many elements at most at once (4 MB of floats).
    private const int ChunkElements = 1 << 20;

    /// <summary>output[N,Cout,OH,OW] = conv(input, weight) + bias; an empty bias means none.</summary>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, input.Length, weight.Length, output.Length, "input", "output");
        if (!bias.IsEmpty && bias.Length != g.OutChannels)
            throw new ArgumentException($"conv2d: bias has {bias.Length} elements, expected {g.OutChannels} (one per output channel).");
        if (s == 0 || g.Batch == 0) return;
        var geometry = g;
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s;
        ForEachImageRange(g.Batch, (long)g.OutChannels * k * s, input, weight, bias, output, (first, end, parallelGemm, inp, wt, bs, outp) =>
        {
            var cols = ConvScratch<T>.First(k * s);
            var phases = ConvScratch<T>.Third(Im2Col.PhaseLength(geometry));
            for (int n = first; n < end; n++)
            {
                Im2Col.ToColumns(geometry, inp.Slice(n * inImage, inImage), cols, s, phases);
                var o = outp.Slice(n * outImage, outImage);
                Gemm.MultiplyWith(false, false, geometry.OutChannels, s, k, wt, k, cols, s, o, s, false, GemmPath.Auto, parallelGemm);
                if (!bs.IsEmpty)
                    for (int co = 0; co < geometry.OutChannels; co++)
                        TensorPrimitives.Add(o.Slice(co * s, s), bs[co], o.Slice(co * s, s));
            }
        });
    }

    /// <summary>gradInput[N,Cin,H,W] (overwritten) from gradOutput and weight.</summary>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, gradInput.Length, weight.Length, gradOutput.Length, "gradInput", "gradOutput");
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s;
        if (s == 0 || k == 0)
        {
            gradInput[..(g.Batch * inImage)].Clear();
            return;
        }
        var geometry = g;
        ForEachImageRange(g.Batch, (long)g.OutChannels * k * s, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, (first, end, parallelGemm, go, wt, _, gi) =>
        {
            var cols = ConvScratch<T>.First(k * s);
            var phases = ConvScratch<T>.Third(Im2Col.PhaseLength(geometry));
            for (int n = first; n < end; n++)
            {
                // cols[K×S] = Wᵀ · gradOut[n], then fold every column entry back onto the pixel it was read from.
                Gemm.MultiplyWith(true, false, k, s, geometry.OutChannels, wt, k, go.Slice(n * outImage, outImage), s, cols, s, false, GemmPath.Auto, parallelGemm);
                var image = gi.Slice(n * inImage, inImage);
                image.Clear();
                Im2Col.AccumulateColumns(geometry, cols, s, image, phases);
            }
        });
    }

    /// <summary>gradWeight[Cout,Cin,kh,kw] (overwritten) from input and gradOutput.</summary>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, input.Length, gradWeight.Length, gradOutput.Length, "input", "gradOutput");
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s;
        if (s == 0 || g.Batch == 0)
        {
            gradWeight[..(g.OutChannels * k)].Clear();
            return;
        }
        // gradW[Cout×K] = Σ over a chunk of images of gradOut[Cout × (n,y,x)] · cols[K × (n,y,x)]ᵀ: one long GEMM per chunk.
        int chunk = Math.Clamp(ChunkElements / Math.Max(1, k * s), 1, g.Batch);
        var cols = ConvScratch<T>.First(k * chunk * s);
        var grads = ConvScratch<T>.Second(g.OutChannels * chunk * s);
        var geometry = g;
        for (int n0 = 0; n0 < g.Batch; n0 += chunk)
        {
            int count = Math.Min(chunk, g.Batch - n0), depth = count * s;
            Span<T> c = cols[..(k * depth)], gr = grads[..(g.OutChannels * depth)];
            ForEachImageRange(count, (long)k * s, input[(n0 * inImage)..], ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, c,
                (first, end, _, inp, _, _, dst) =>
                {
                    var phases = ConvScratch<T>.Third(Im2Col.PhaseLength(geometry));
                    for (int n = first; n < end; n++)
                        Im2Col.ToColumns(geometry, inp.Slice(n * inImage, inImage), dst[(n * s)..], depth, phases);
                });
            for (int n = 0; n < count; n++)
                for (int co = 0; co < g.OutChannels; co++)
                    gradOutput.Slice((n0 + n) * outImage + co * s, s).CopyTo(gr.Slice(co * depth + n * s, s));
            Gemm.Multiply(false, true, g.OutChannels, k, depth, gr, depth, c, depth, gradWeight, k, accumulate: n0 > 0);
        }
    }

    private delegate void ImageRangeAction<T>(int first, int end, bool parallelGemm, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y);

    // Runs body over the batch split into one contiguous range of images per core when the work is large enough
    // (a single range lets the GEMMs use the cores instead). Spans cannot be captured by a lambda, so they travel
    // as pinned pointers and are rebuilt inside.
    private static unsafe void ForEachImageRange<T>(int batch, long workPerImage,
        ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, ImageRangeAction<T> body) where T : unmanaged
    {
        int parts = workPerImage * batch >= ParallelThreshold ? Math.Min(batch, Environment.ProcessorCount) : 1;
        if (parts <= 1)
        {
            body(0, batch, true, x, w, bias, y);
            return;
        }
        fixed (T* px = x)
        fixed (T* pw = w)
        fixed (T* pb = bias)
        fixed (T* py = y)
        {
            nint ax = (nint)px, aw = (nint)pw, ab = (nint)pb, ay = (nint)py;
            int lx = x.Length, lw = w.Length, lb = bias.Length, ly = y.Length;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part => body(
                (int)((long)batch * part / parts), (int)((long)batch * (part + 1) / parts), false,
                new ReadOnlySpan<T>((T*)ax, lx), new ReadOnlySpan<T>((T*)aw, lw), new ReadOnlySpan<T>((T*)ab, lb), new Span<T>((T*)ay, ly)));
        }
    }

    // Validates sizes before any work: returns K = Cin·kh·kw and S = OH·OW.
    private static (int K, int S) Check(in Conv2dGeometry g, int imageLength, int weightLength, int outLength, string imageName, string outName)
    {
        if (g.Batch < 0 || g.InChannels <= 0 || g.OutChannels <= 0 || g.KernelHeight <= 0 || g.KernelWidth <= 0
            || g.StrideH <= 0 || g.StrideW <= 0 || g.PadH < 0 || g.PadW < 0 || g.InHeight <= 0 || g.InWidth <= 0)
            throw new ArgumentException($"conv2d: invalid geometry {g}.");
        if (g.OutHeight <= 0 || g.OutWidth <= 0)
            throw new ArgumentException($"conv2d: kernel {g.KernelHeight}×{g.KernelWidth} does not fit input {g.InHeight}×{g.InWidth} with padding {g.PadH},{g.PadW}.");
        int k = g.InChannels * g.KernelHeight * g.KernelWidth, s = g.OutHeight * g.OutWidth;
        long inNeed = (long)g.Batch * g.InChannels * g.InHeight * g.InWidth, outNeed = (long)g.Batch * g.OutChannels * s;
        if (imageLength < inNeed) throw new ArgumentException($"conv2d: {imageName} has {imageLength} elements, expected {inNeed} for {g}.");
        if (weightLength < (long)g.OutChannels * k) throw new ArgumentException($"conv2d: weight has {weightLength} elements, expected {g.OutChannels * k} for {g}.");
        if (outLength < outNeed) throw new ArgumentException($"conv2d: {outName} has {outLength} elements, expected {outNeed} for {g}.");
        return (k, s);
    }
}
