namespace MusicCluster.Experiments.Tests.Dsp;

/// <summary>The signals of tests/reference/dsp_signals.py, built the same way (double, then float32).</summary>
internal static class TestSignals
{
    public const int SampleRate = 22050;
    public const int Length = 11025;
    public static readonly string[] Names = ["chirp", "chord", "noise", "silence"];

    /// <summary>Length of the 3-second "pulses" signal (tone bursts at 120 BPM).</summary>
    public const int PulsesLength = 3 * SampleRate;

    public static float[] Create(string name, int length = Length)
    {
        var y = new float[length];
        double[] noise = name == "noise" ? LcgNoise(length, 2024) : name == "pulses" ? LcgNoise(length, 77) : [];
        for (int n = 0; n < length; n++)
        {
            double t = (double)n / SampleRate;
            y[n] = (float)(name switch
            {
                "chirp" => Chirp(t, length),
                "chord" => 0.3 * Math.Sin(2 * Math.PI * 220.0 * t) + 0.25 * Math.Sin(2 * Math.PI * 277.1826 * t)
                         + 0.2 * Math.Sin(2 * Math.PI * 329.6276 * t) + 0.1 * Math.Sin(2 * Math.PI * 440.0 * t),
                "noise" => 0.5 * noise[n],
                "pulses" => Math.Exp(-(t % 0.5) * 12.0) * (0.4 * Math.Sin(2 * Math.PI * 440.0 * t) + 0.2 * Math.Sin(2 * Math.PI * 660.0 * t)) + 0.02 * noise[n],
                "silence" => 0.0,
                _ => throw new ArgumentException(name),
            });
        }
        return y;
    }

    private static double Chirp(double t, int length)
    {
        double f0 = 100, f1 = 8000, k = Math.Log(f1 / f0) / ((double)length / SampleRate);
        return 0.5 * Math.Sin(2 * Math.PI * f0 * (Math.Exp(k * t) - 1) / k);
    }

    public static double[] LcgNoise(int length, uint seed)
    {
        var x = new double[length];
        uint state = seed;
        for (int i = 0; i < length; i++)
        {
            state = unchecked(state * 1664525u + 1013904223u);
            x[i] = state / 4294967296.0 * 2 - 1;
        }
        return x;
    }
}
