namespace MusicCluster.Experiments.Dsp;

/// <summary>Roots of unity for FFT tables, exact at quarter turns so that, e.g., the Nyquist bin of a real signal stays real.</summary>
internal static class Twiddle
{
    /// <summary>(cos, sin) of −2π·num/den.</summary>
    public static (double Cos, double Sin) Of(long num, long den)
    {
        num %= den;
        if (num < 0) num += den;
        if (4 * num % den == 0)
            return (4 * num / den) switch { 0 => (1, 0), 1 => (0, -1), 2 => (-1, 0), _ => (0, 1) };
        double a = -2 * Math.PI * num / den;
        return (Math.Cos(a), Math.Sin(a));
    }
}
