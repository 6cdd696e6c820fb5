using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>2-D convolution (cross-correlation, as PyTorch) forward and backward on NCHW spans.</summary>
/// <remarks>
/// Stride-2 float layers with 8- or 16-pixel output rows (the middle of a conv VAE) run from stride-2 phase planes
/// (<see cref="PhaseConvolution"/>). Everything else is im2col + <see cref="Gemm"/>: out = W[Cout×K] · cols[K×S] with
/// K = Cin·kh·kw and S = OH·OW, for a run of a few images side by side (W packed once per call and shared by every
/// run), runs spread over the cores. Each output element is the same dot product in the same order whatever the run or
/// the core, and the weight gradient sums images in groups fixed by the batch size, added in order, so results never
/// depend on the thread count.
/// </remarks>
public static class Conv2dKernels
{
    // Work (multiply-adds) below which a batch runs on one thread.
    private const long ParallelThreshold = 1L << 20;

    // A run of images unfolds this many elements at most at once (1 MB of floats: stays in L2).
    private const int ChunkElements = 1 << 18;

    // Images of a weight gradient are summed in this many independent groups (run in parallel), at most.
    private const int WeightGroups = 8;

    /// <summary>output[N,Cout,OH,OW] = conv(input, weight) + bias; an empty bias means none.</summary>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForwardWith(g, input, weight, bias, output, phases: true);

    /// <summary>As the public overload; <paramref name="phases"/> = false keeps to im2col (tests compare the two paths).</summary>
    internal static void ForwardWith<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool phases)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, input.Length, weight.Length, output.Length, "input", "output");
        if (!bias.IsEmpty && bias.Length != g.OutChannels)
            throw new ArgumentException($"conv2d: bias has {bias.Length} elements, expected {g.OutChannels} (one per output channel).");
        if (s == 0 || g.Batch == 0) return;
        if (phases && PhaseConvolution.SuitsForward<T>(g))
        {
            ForwardByPhases(g, k, MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(weight), MemoryMarshal.Cast<T, float>(bias), MemoryMarshal.Cast<T, float>(output));
            return;
        }
        var geometry = g;
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s, cout = g.OutChannels;
        int run = ImagesPerGemm(g, k, s), runs = (g.Batch + run - 1) / run;
        // With several runs, W is packed once for all of them (each run's GEMM is then single-threaded).
        bool packed = runs > 1 && Gemm.CanPack<T>();
        ReadOnlySpan<T> a = weight;
        if (packed)
        {
            var buffer = ConvScratch.Packed<T>(checked((int)Gemm.PackedLength<T>(cout, k)));
            Gemm.PackA(false, cout, k, weight, k, buffer);
            a = buffer;
        }
        ForEachImage(g with { Batch = runs }, (long)cout * k * s * run, input, a, bias, output, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r, parallelGemm, inp, wt, bs, outp) =>
        {
            // A run of images side by side: out[Cout × (n,y,x)] = W · cols[K × (n,y,x)], so W is packed once per run.
            int first = r * run, count = Math.Min(run, geometry.Batch - first), width = count * s;
            var cols = ConvScratch.First<T>(k * width);
            for (int i = 0; i < count; i++)
                Im2Col.ToColumns(geometry, inp.Slice((first + i) * inImage, inImage), cols[(i * s)..], width);
            var o = count == 1 ? outp.Slice(first * outImage, outImage) : ConvScratch.Second<T>(cout * width);
            if (packed) Gemm.MultiplyPacked(wt, cout, width, k, cols, width, o, width);
            else Gemm.MultiplyWith(false, false, cout, width, k, wt, k, cols, width, o, width, false, GemmPath.Auto, parallelGemm);
            for (int i = 0; i < count; i++)
                for (int co = 0; co < cout; co++)
                {
                    var dst = outp.Slice((first + i) * outImage + co * s, s);
                    if (count > 1) o.Slice(co * width + i * s, s).CopyTo(dst);
                    if (!bs.IsEmpty) AddScalar(dst, bs[co]);
                }
        });
    }

    /// <summary>gradInput[N,Cin,H,W] (overwritten) from gradOutput and weight.</summary>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : unmanaged, IFloatingPointIeee754<T>
        => BackwardInputWith(g, gradOutput, weight, gradInput, phases: true);

    /// <summary>As the public overload; <paramref name="phases"/> = false keeps to im2col/col2im.</summary>
    internal static void BackwardInputWith<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool phases)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, gradInput.Length, weight.Length, gradOutput.Length, "gradInput", "gradOutput");
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s;
        if (s == 0 || k == 0)
        {
            gradInput[..(g.Batch * inImage)].Clear();
            return;
        }
        if (phases && PhaseConvolution.SuitsBackwardInput<T>(g))
        {
            BackwardInputByPhases(g, MemoryMarshal.Cast<T, float>(gradOutput), MemoryMarshal.Cast<T, float>(weight), MemoryMarshal.Cast<T, float>(gradInput));
            return;
        }
        var geometry = g;
        int cout = g.OutChannels, run = ImagesPerGemm(g, k, s), runs = (g.Batch + run - 1) / run;
        bool packed = runs > 1 && Gemm.CanPack<T>();
        ReadOnlySpan<T> a = weight;
        if (packed)
        {
            var buffer = ConvScratch.Packed<T>(checked((int)Gemm.PackedLength<T>(k, cout)));
            Gemm.PackA(true, k, cout, weight, k, buffer);
            a = buffer;
        }
        ForEachImage(g with { Batch = runs }, (long)cout * k * s * run, gradOutput, a, ReadOnlySpan<T>.Empty, gradInput, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r, parallelGemm, go, wt, _, gi) =>
        {
            // cols[K × (n,y,x)] = Wᵀ · gradOut[Cout × (n,y,x)] for a run of images, then fold every column entry
            // back onto the pixel it was read from.
            int first = r * run, count = Math.Min(run, geometry.Batch - first), width = count * s;
            ReadOnlySpan<T> grads = go.Slice(first * outImage, outImage);
            if (count > 1)
            {
                var gathered = ConvScratch.Second<T>(cout * width);
                for (int i = 0; i < count; i++)
                    for (int co = 0; co < cout; co++)
                        go.Slice((first + i) * outImage + co * s, s).CopyTo(gathered.Slice(co * width + i * s, s));
                grads = gathered;
            }
            var cols = ConvScratch.First<T>(k * width);
            if (packed) Gemm.MultiplyPacked(wt, k, width, cout, grads, width, cols, width);
            else Gemm.MultiplyWith(true, false, k, width, cout, wt, k, grads, width, cols, width, false, GemmPath.Auto, parallelGemm);
            for (int i = 0; i < count; i++)
            {
                var image = gi.Slice((first + i) * inImage, inImage);
                image.Clear();
                Im2Col.AccumulateColumns(geometry, cols[(i * s)..], width, image);
            }
        });
    }

    /// <summary>gradWeight[Cout,Cin,kh,kw] (overwritten) from input and gradOutput.</summary>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight)
        where T : unmanaged, IFloatingPointIeee754<T>
        => BackwardWeightWith(g, input, gradOutput, gradWeight, phases: true);

    /// <summary>As the public overload; <paramref name="phases"/> = false keeps to im2row.</summary>
    internal static void BackwardWeightWith<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, bool phases)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (k, s) = Check(g, input.Length, gradWeight.Length, gradOutput.Length, "input", "gradOutput");
        int inImage = g.InChannels * g.InHeight * g.InWidth, outImage = g.OutChannels * s;
        if (s == 0 || g.Batch == 0)
        {
            gradWeight[..(g.OutChannels * k)].Clear();
            return;
        }
        if (phases && PhaseConvolution.SuitsForward<T>(g))
        {
            BackwardWeightByPhases(g, MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(gradOutput), Math.Min(g.Batch, WeightGroups), MemoryMarshal.Cast<T, float>(gradWeight));
            return;
        }
        // gradW[Cout×K] = Σ over images of gradOut[Cout × (y,x)] · rows[(y,x) × K]. The batch is cut into a fixed
        // number of groups (set by the batch alone, never by the core count); each group sums its images in
        // L2-sized chunks, one long GEMM per chunk, into its own partial, and the partials are added in group order.
        int groups = Math.Min(g.Batch, WeightGroups), wLength = g.OutChannels * k;
        int chunk = Math.Clamp(ChunkElements / Math.Max(1, k * s), 1, (g.Batch + groups - 1) / groups);
        var partials = groups == 1 ? gradWeight[..wLength] : ConvScratch.Third<T>(groups * wLength);
        var geometry = g;
        ForEachImage(g with { Batch = groups }, (long)wLength * s * g.Batch / groups, input, gradOutput, ReadOnlySpan<T>.Empty, partials,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (group, _, inp, gOut, _, part) =>
            {
                int first = (int)((long)geometry.Batch * group / groups), end = (int)((long)geometry.Batch * (group + 1) / groups);
                var rows = ConvScratch.First<T>(chunk * s * k);
                var grads = ConvScratch.Second<T>(geometry.OutChannels * chunk * s);
                var dst = part.Slice(group * wLength, wLength);
                for (int n0 = first; n0 < end; n0 += chunk)
                {
                    int count = Math.Min(chunk, end - n0), depth = count * s;
                    for (int n = 0; n < count; n++)
                    {
                        Im2Col.ToRows(geometry, inp.Slice((n0 + n) * inImage, inImage), rows.Slice(n * s * k, s * k), k);
                        for (int co = 0; co < geometry.OutChannels; co++)
                            gOut.Slice((n0 + n) * outImage + co * s, s).CopyTo(grads.Slice(co * depth + n * s, s));
                    }
                    Gemm.MultiplyWith(false, false, geometry.OutChannels, k, depth, grads, depth, rows, k, dst, k,
                        accumulate: n0 > first, GemmPath.Auto, allowParallel: groups == 1);
                }
            });
        if (groups == 1) return;
        partials[..wLength].CopyTo(gradWeight);
        for (int group = 1; group < groups; group++)
            AddInPlace(gradWeight[..wLength], partials.Slice(group * wLength, wLength));
    }

    // The weight packed once, then every image straight from its phase planes (sizes already checked by the caller).
    private static unsafe void ForwardByPhases(in Conv2dGeometry g, int k, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> output)
    {
        var packed = ConvScratch.Packed<float>(checked((int)Gemm.PackedLength<float>(g.OutChannels, k)));
        Gemm.PackA(false, g.OutChannels, k, weight, k, packed);
        fixed (float* px = input)
        fixed (float* pw = packed)
        fixed (float* pb = bias)
        fixed (float* py = output)
            PhaseConvolution.Forward(g, px, pw, bias.IsEmpty ? null : pb, py);
    }

    private static unsafe void BackwardInputByPhases(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight, Span<float> gradInput)
    {
        fixed (float* pg = gradOutput)
        fixed (float* pi = gradInput)
            PhaseConvolution.BackwardInput(g, pg, weight, pi);
    }

    private static unsafe void BackwardWeightByPhases(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, int groups, Span<float> gradWeight)
    {
        fixed (float* px = input)
        fixed (float* pg = gradOutput)
        fixed (float* pw = gradWeight)
            PhaseConvolution.BackwardWeight(g, px, pg, groups, pw);
    }

    // Images per GEMM in the forward and input-gradient passes: enough to amortise packing W, few enough that the
    // unfolded run stays in L2 and every core gets runs. Set by the geometry alone; the results do not depend on it
    // (each output element is the same dot product in the same order whatever the GEMM's width).
    private static int ImagesPerGemm(in Conv2dGeometry g, int k, int s)
    {
        int groups = Math.Min(g.Batch, WeightGroups);
        return Math.Clamp(ChunkElements / Math.Max(1, k * s), 1, (g.Batch + groups - 1) / groups);
    }

    /// <summary>x[i] += value (a bias), vectorised; compiled optimised from the first call, unlike a generic library call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScalar<T>(Span<T> x, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T r = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var v = Vector512.Create(value);
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref r, (nuint)i) + v).StoreUnsafe(ref r, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var v = Vector256.Create(value);
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref r, (nuint)i) + v).StoreUnsafe(ref r, (nuint)i);
        }
        for (; i < x.Length; i++) x[i] += value;
    }

    // x[i] += y[i], vectorised, for spans of equal length.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInPlace<T>(Span<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length != x.Length) throw new ArgumentException("conv2d: partial sums of different lengths.");
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref rx, (nuint)i) + Vector512.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref rx, (nuint)i);
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref rx, (nuint)i) + Vector256.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref rx, (nuint)i);
        for (; i < x.Length; i++) x[i] += y[i];
    }

    private delegate void ImageAction<T>(int n, bool parallelGemm, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y);

    // Runs body once per item (a run of images, or a group), in parallel when the total work is large enough; spans cannot be
    // captured by a lambda, so they travel as pinned pointers and are rebuilt inside.
    private static unsafe void ForEachImage<T>(in Conv2dGeometry g, long workPerImage,
        ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, ImageAction<T> body) where T : unmanaged
    {
        if (!Parallel(g.Batch, workPerImage * g.Batch))
        {
            for (int n = 0; n < g.Batch; n++) body(n, true, x, w, bias, y);
            return;
        }
        fixed (T* px = x)
        fixed (T* pw = w)
        fixed (T* pb = bias)
        fixed (T* py = y)
        {
            nint ax = (nint)px, aw = (nint)pw, ab = (nint)pb, ay = (nint)py;
            int lx = x.Length, lw = w.Length, lb = bias.Length, ly = y.Length;
            OnEveryCore(g.Batch, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n) =>
                body(n, false, new ReadOnlySpan<T>((T*)ax, lx), new ReadOnlySpan<T>((T*)aw, lw), new ReadOnlySpan<T>((T*)ab, lb), new Span<T>((T*)ay, ly)));
        }
    }

    private static bool Parallel(int items, long work) =>
        items > 1 && Environment.ProcessorCount > 1 && work >= ParallelThreshold;

    /// <summary>Runs body once per item, on every core when the total work is large enough: one task per core, each taking
    /// the next item until none is left (few hand-offs, and a core slowed by other work does less of the batch).</summary>
    internal static void ForEach(int items, long work, Action<int> body)
    {
        if (!Parallel(items, work))
        {
            for (int i = 0; i < items; i++) body(i);
            return;
        }
        OnEveryCore(items, body);
    }

    // Each item is one part of a team call: every core takes the next item until none is left.
    private static void OnEveryCore(int items, Action<int> body) => CoreTeam.Run(items, body);

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
