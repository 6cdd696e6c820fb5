using System.Runtime.InteropServices;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Receives the power spectra |X_k|² (k = 0..n_fft/2) of <paramref name="frames"/> consecutive frames, one per lane.</summary>
/// <param name="firstFrame">Index of the frame in lane 0.</param>
/// <param name="frames">Valid lanes (the last batch may be partial; its other lanes hold zero frames).</param>
/// <param name="power">One vector per bin.</param>
/// <param name="scratch">The handler's own per-thread work space.</param>
internal delegate void PowerBatchHandler<T>(int firstFrame, int frames, ReadOnlySpan<Vector<T>> power, Span<Vector<T>> scratch) where T : struct;

/// <summary>
/// Short-time Fourier transform. Frames are transformed <c>Vector&lt;T&gt;.Count</c> at a time, one per SIMD lane,
/// and batches run in parallel; each output value depends only on its own frame, so results are identical for any
/// thread count.
/// </summary>
public static class Stft
{
    private const int BatchesPerWorkItem = 4;

    /// <summary>The power spectrogram |X|², row-major [bins, frames] like librosa.</summary>
    public static FeatureMatrix PowerSpectrogram(ReadOnlySpan<float> signal, StftSettings settings)
    {
        int frames = settings.FrameCount(signal.Length);
        int bins = settings.Bins;
        var data = new float[bins * frames];
        ForEachPowerBatch<float>(signal, settings, 0, (first, count, power, _) =>
        {
            var dst = data.AsSpan();
            for (int k = 0; k < bins; k++) StoreLanes(power[k], dst.Slice(k * frames + first), count);
        });
        return new FeatureMatrix(data, bins, frames);
    }

    /// <summary>Writes the first <paramref name="count"/> lanes of <paramref name="v"/> to <paramref name="dst"/>.</summary>
    internal static void StoreLanes(Vector<float> v, Span<float> dst, int count)
    {
        if (count == Vector<float>.Count && dst.Length >= Vector<float>.Count) v.CopyTo(dst);
        else for (int l = 0; l < count; l++) dst[l] = v[l];
    }

    /// <summary>Writes the first <paramref name="count"/> lanes of a double vector to <paramref name="dst"/> as floats.</summary>
    internal static void StoreLanes(Vector<double> v, Span<float> dst, int count)
    {
        for (int l = 0; l < count; l++) dst[l] = (float)v[l];
    }

    /// <summary>Runs the STFT and hands every batch of frames' power spectra to <paramref name="handler"/> (in parallel unless
    /// <paramref name="parallel"/> is false, as when tracks already run one per core).</summary>
    internal static int ForEachPowerBatch<T>(ReadOnlySpan<float> signal, StftSettings settings, int scratchVectors, PowerBatchHandler<T> handler, bool parallel = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        settings.Validate();
        int nFft = settings.NFft, hop = settings.HopLength, frames = settings.FrameCount(signal.Length);
        if (frames == 0) return 0;
        float[] x = settings.Center ? Pad(signal, nFft / 2, settings.PadMode) : signal.ToArray();
        var window = Windows<T>.For(settings.Window, settings.WinLength ?? nFft, nFft);
        var plan = RealLaneFft<T>.For(nFft);
        int lanes = Vector<T>.Count, bins = plan.Bins;
        int batches = (frames + lanes - 1) / lanes;
        int items = (batches + BatchesPerWorkItem - 1) / BatchesPerWorkItem;
        var options = new ParallelOptions { MaxDegreeOfParallelism = items > 1 && parallel ? Environment.ProcessorCount : 1 };
        Parallel.For(0, items, options,
            () => new Vector<T>[2 * bins + plan.WorkLength + scratchVectors],
            (item, _, ws) =>
            {
                var buf = ws.AsSpan();
                var re = buf[..bins];
                var im = buf.Slice(bins, bins);
                var work = buf.Slice(2 * bins, plan.WorkLength);
                var scratch = buf.Slice(2 * bins + plan.WorkLength, scratchVectors);
                int b1 = Math.Min(batches, (item + 1) * BatchesPerWorkItem);
                for (int b = item * BatchesPerWorkItem; b < b1; b++)
                {
                    int first = b * lanes, count = Math.Min(lanes, frames - first);
                    LoadFrames(x, window, hop, first, count, plan, work);
                    plan.ForwardLoaded(re, im, work);
                    for (int k = 0; k < bins; k++) re[k] = re[k] * re[k] + im[k] * im[k];
                    handler(first, count, re, scratch);
                }
                return ws;
            },
            _ => { });
        return frames;
    }

    // Transposes windowed frames into lanes, straight into the FFT's input order: sample t of frame first + l goes
    // to lane l of work[offsets[t]]. Lanes past the last frame, and the odd-length plan's imaginary half, stay zero.
    private static void LoadFrames<T>(float[] x, T[] window, int hop, int first, int count, RealLaneFft<T> plan, Span<Vector<T>> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count, n = window.Length;
        var offsets = plan.SampleOffsets;
        if (count < lanes || n % 2 == 1) work[..(2 * (n % 2 == 1 ? n : n / 2))].Clear();
        if (count == lanes && Vector256.IsHardwareAccelerated && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            // Full batch: gather one sample of every frame into a vector and store it whole (no strided scalar stores).
            if (typeof(T) == typeof(double)) { LoadFull(x, MemoryMarshal.Cast<T, double>(window), hop, first, offsets, MemoryMarshal.Cast<Vector<T>, Vector256<double>>(work)); return; }
            if (typeof(T) == typeof(float)) { LoadFull(x, MemoryMarshal.Cast<T, float>(window), hop, first, offsets, MemoryMarshal.Cast<Vector<T>, Vector256<float>>(work)); return; }
        }
        var dst = MemoryMarshal.Cast<Vector<T>, T>(work);
        for (int l = 0; l < count; l++)
        {
            var src = x.AsSpan((first + l) * hop, n);
            for (int t = 0; t < n; t++) dst[offsets[t] * lanes + l] = T.CreateTruncating(src[t]) * window[t];
        }
    }

    private static void LoadFull(float[] x, ReadOnlySpan<double> window, int hop, int first, int[] offsets, Span<Vector256<double>> work)
    {
        var s0 = x.AsSpan(first * hop, window.Length);
        var s1 = x.AsSpan((first + 1) * hop, window.Length);
        var s2 = x.AsSpan((first + 2) * hop, window.Length);
        var s3 = x.AsSpan((first + 3) * hop, window.Length);
        for (int t = 0; t < window.Length; t++)
            work[offsets[t]] = Vector256.Create((double)s0[t], s1[t], s2[t], s3[t]) * window[t];
    }

    private static void LoadFull(float[] x, ReadOnlySpan<float> window, int hop, int first, int[] offsets, Span<Vector256<float>> work)
    {
        int n = window.Length;
        var s0 = x.AsSpan(first * hop, n); var s1 = x.AsSpan((first + 1) * hop, n);
        var s2 = x.AsSpan((first + 2) * hop, n); var s3 = x.AsSpan((first + 3) * hop, n);
        var s4 = x.AsSpan((first + 4) * hop, n); var s5 = x.AsSpan((first + 5) * hop, n);
        var s6 = x.AsSpan((first + 6) * hop, n); var s7 = x.AsSpan((first + 7) * hop, n);
        for (int t = 0; t < n; t++)
            work[offsets[t]] = Vector256.Create(s0[t], s1[t], s2[t], s3[t], s4[t], s5[t], s6[t], s7[t]) * window[t];
    }

    /// <summary>Extends <paramref name="x"/> by <paramref name="pad"/> samples at each end.</summary>
    public static float[] Pad(ReadOnlySpan<float> x, int pad, PadMode mode)
    {
        var y = new float[x.Length + 2 * pad];
        x.CopyTo(y.AsSpan(pad));
        if (mode == PadMode.Constant || x.Length == 0) return y;
        int n = x.Length;
        for (int i = 0; i < pad; i++)
        {
            y[pad - 1 - i] = x[Reflect(-1 - i, n)];
            y[pad + n + i] = x[Reflect(n + i, n)];
        }
        return y;
    }

    // numpy "reflect" index folding (period 2(n-1)), valid for pads longer than the signal.
    private static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i %= period;
        if (i < 0) i += period;
        return i < n ? i : period - i;
    }
}
