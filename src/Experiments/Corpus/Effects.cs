namespace MusicCluster.Experiments.Corpus;

/// <summary>Whole-buffer processing: saturation, filters, echo, side-chain pumping and level.</summary>
internal static class Effects
{
    /// <summary>Soft clipping tanh(drive·x)/tanh(drive): guitar distortion and bus compression.</summary>
    public static void Saturate(Span<float> x, float drive)
    {
        float norm = 1f / MathF.Tanh(drive);
        for (int i = 0; i < x.Length; i++) x[i] = MathF.Tanh(drive * x[i]) * norm;
    }

    /// <summary>A one-pole low-pass at <paramref name="cutoff"/> Hz.</summary>
    public static void LowPass(Span<float> x, float cutoff, int sampleRate)
    {
        float a = 1 - MathF.Exp(-2 * MathF.PI * cutoff / sampleRate), y = 0;
        for (int i = 0; i < x.Length; i++) { y += a * (x[i] - y); x[i] = y; }
    }

    /// <summary>A one-pole high-pass at <paramref name="cutoff"/> Hz (removes rumble and DC).</summary>
    public static void HighPass(Span<float> x, float cutoff, int sampleRate)
    {
        float a = 1 - MathF.Exp(-2 * MathF.PI * cutoff / sampleRate), lp = 0;
        for (int i = 0; i < x.Length; i++) { lp += a * (x[i] - lp); x[i] -= lp; }
    }

    /// <summary>A feedback echo: each sample gets <paramref name="feedback"/> times the (already echoed) sample one delay earlier.</summary>
    public static void Echo(Span<float> x, int delay, float feedback)
    {
        if (delay <= 0) return;
        for (int i = delay; i < x.Length; i++) x[i] += feedback * x[i - delay];
    }

    /// <summary>A small reverb: four parallel feedback combs (Schroeder), low-passed, mixed under the dry signal.</summary>
    public static void Reverb(float[] x, float wet, float feedback, int sampleRate)
    {
        ReadOnlySpan<float> delays = [0.0297f, 0.0371f, 0.0411f, 0.0437f];
        var acc = new float[x.Length];
        var comb = new float[x.Length];
        foreach (float d in delays)
        {
            int delay = (int)(d * sampleRate);
            for (int i = 0; i < x.Length; i++)
            {
                comb[i] = i >= delay ? x[i - delay] + feedback * comb[i - delay] : 0f;
                acc[i] += 0.25f * comb[i];
            }
        }
        LowPass(acc, 3500, sampleRate);
        for (int i = 0; i < x.Length; i++) x[i] += wet * acc[i];
    }

    /// <summary>Side-chain pumping: the level dips at each beat and recovers, as dance music ducks under its kick.</summary>
    public static void Pump(Span<float> x, int samplesPerBeat, float depth, int sampleRate)
    {
        float recover = 0.18f * sampleRate;
        for (int i = 0; i < x.Length; i++)
        {
            int since = i % samplesPerBeat;
            x[i] *= 1 - depth * MathF.Exp(-since / recover * 3);
        }
    }

    /// <summary>Scales the buffer so its peak is <paramref name="peak"/> (linear); a silent buffer is left alone.</summary>
    public static void Normalize(Span<float> x, float peak)
    {
        float max = 0;
        foreach (float v in x) max = MathF.Max(max, MathF.Abs(v));
        if (max <= 0) return;
        float g = peak / max;
        for (int i = 0; i < x.Length; i++) x[i] *= g;
    }

    /// <summary>Adds <paramref name="source"/> × <paramref name="gain"/> into <paramref name="mix"/>.</summary>
    public static void MixInto(Span<float> mix, ReadOnlySpan<float> source, float gain)
    {
        for (int i = 0; i < mix.Length; i++) mix[i] += gain * source[i];
    }
}
