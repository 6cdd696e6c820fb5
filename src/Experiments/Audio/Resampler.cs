using System.Numerics.Tensors;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// Band-limited sample-rate conversion with a Kaiser-windowed sinc (polyphase table over the exact rational ratio).
/// The cut-off sits at <see cref="Rolloff"/> of the lower Nyquist frequency, so downsampling does not alias.
/// </summary>
public static class Resampler
{
    /// <summary>Cut-off as a fraction of the lower of the two Nyquist frequencies.</summary>
    public const double Rolloff = 0.9;

    /// <summary>Zero crossings of the sinc kept on each side of the centre.</summary>
    public const int ZeroCrossings = 32;

    // Kaiser beta 9 gives about 90 dB of stop-band attenuation.
    private const double KaiserBeta = 9.0;

    // Exact polyphase tables up to this many phases; stranger ratios interpolate between table rows.
    private const int MaxPhases = 4096;

    // And at most this many coefficients (4 MiB): a steep downsampling ratio (a 1 MHz file to 22 kHz) needs thousands of
    // taps per phase, and the rates come from file headers. Every common ratio stays far below it, so stays exact.
    private const int MaxTableValues = 1 << 20;

    /// <summary>
    /// Resamples <paramref name="x"/> from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz.
    /// The output has ceil(n · to / from) samples, sample j sitting at time j / toRate.
    /// </summary>
    public static float[] Resample(ReadOnlySpan<float> x, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate) return x.ToArray();
        long g = Gcd(fromRate, toRate);
        long up = toRate / g, down = fromRate / g;
        long outLength = (x.Length * up + down - 1) / down;
        var y = new float[outLength];
        if (x.Length == 0) return y;

        double fc = Rolloff * Math.Min(1.0, (double)up / down);   // cut-off in cycles per input sample × 2
        int half = (int)Math.Ceiling(ZeroCrossings / fc);          // one-sided support in input samples
        int taps = 2 * half;
        int phases = (int)Math.Min(up, Math.Max(16, Math.Min(MaxPhases, MaxTableValues / taps - 1)));
        var table = BuildTable(phases, half, fc);

        // Zero padding on both sides keeps the inner loop free of bounds tests.
        var padded = new float[x.Length + 2 * half + 1];
        x.CopyTo(padded.AsSpan(half));
        bool exact = phases == up;

        const int chunk = 4096;
        int chunks = (int)((outLength + chunk - 1) / chunk);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = outLength > 50_000 ? -1 : 1 }, c =>
        {
            long j0 = (long)c * chunk, j1 = Math.Min(outLength, j0 + chunk);
            for (long j = j0; j < j1; j++)
            {
                long num = j * down;
                long baseIndex = num / up;
                long phase = num % up;
                // Taps cover input samples baseIndex - half + 1 .. baseIndex + half, i.e. padded index baseIndex + 1 + k.
                var window = padded.AsSpan((int)(baseIndex + 1), taps);
                if (exact)
                {
                    y[j] = TensorPrimitives.Dot(window, table.AsSpan((int)phase * taps, taps));
                }
                else
                {
                    double pos = (double)phase / up * phases;
                    int p0 = Math.Min((int)pos, phases - 1);
                    float w = (float)(pos - p0);
                    float a = TensorPrimitives.Dot(window, table.AsSpan(p0 * taps, taps));
                    float b = TensorPrimitives.Dot(window, table.AsSpan((p0 + 1) * taps, taps));
                    y[j] = a + w * (b - a);
                }
            }
        });
        return y;
    }

    // Row p (0..phases) holds h(k - half + 1 - p / phases) for k in 0..2·half-1: the kernel for an output that
    // falls p/phases of the way between two input samples. The extra last row serves interpolation.
    private static float[] BuildTable(int phases, int half, double fc)
    {
        int taps = 2 * half;
        var table = new float[(phases + 1) * taps];
        double i0Beta = BesselI0(KaiserBeta);
        for (int p = 0; p <= phases; p++)
            for (int k = 0; k < taps; k++)
            {
                double d = k - half + 1 - (double)p / phases;
                double r = d / half;
                if (Math.Abs(r) >= 1) continue;
                double arg = Math.PI * fc * d;
                double sinc = arg == 0 ? 1 : Math.Sin(arg) / arg;
                double kaiser = BesselI0(KaiserBeta * Math.Sqrt(1 - r * r)) / i0Beta;
                table[p * taps + k] = (float)(fc * sinc * kaiser);
            }
        return table;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
        }
        return sum;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
