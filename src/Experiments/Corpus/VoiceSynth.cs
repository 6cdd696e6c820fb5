namespace MusicCluster.Experiments.Corpus;

/// <summary>A voice-like line: a glottal sawtooth through three vowel formant resonators, one vowel per syllable.</summary>
internal static class VoiceSynth
{
    // Formant centre frequencies and bandwidths (Hz) of a, e, i, o, u, after Peterson & Barney-style averages.
    private static readonly float[,] Formants =
    {
        { 800, 1150, 2900, 80, 90, 120 },
        { 400, 1700, 2600, 70, 80, 100 },
        { 320, 2200, 3000, 50, 100, 120 },
        { 450, 800, 2830, 70, 80, 100 },
        { 325, 700, 2530, 50, 60, 170 },
    };

    private static readonly float[] FormantGain = [1f, 0.5f, 0.25f];

    /// <summary>Sings one syllable of <paramref name="gate"/> samples at <paramref name="midi"/> on vowel 0–4 (a e i o u).</summary>
    public static void Syllable(Song s, float[] target, int at, int gate, double midi, int vowel, float amp, float breath = 0.15f, float vibrato = 0.006f)
    {
        var env = new Envelope(0.03f, 0.1f, 0.8f, 0.08f);
        int n = s.Fit(at, env.Length(gate, s.SampleRate));
        if (n == 0) return;
        var e = s.Scratch(n);
        env.Render(e, gate, s.SampleRate);
        float sr = s.SampleRate;
        Span<float> b0 = stackalloc float[3], a1 = stackalloc float[3], a2 = stackalloc float[3];
        Span<float> x1 = stackalloc float[3], x2 = stackalloc float[3], y1 = stackalloc float[3], y2 = stackalloc float[3];
        for (int k = 0; k < 3; k++)
        {
            // RBJ band-pass (0 dB peak): b = [α, 0, -α] / a0, a = [1, -2cos ω, 1-α] / a0.
            float w = 2 * MathF.PI * Formants[vowel, k] / sr;
            float alpha = MathF.Sin(w) * Formants[vowel, 3 + k] / (2 * Formants[vowel, k]);
            float a0 = 1 + alpha;
            b0[k] = alpha / a0; a1[k] = -2 * MathF.Cos(w) / a0; a2[k] = (1 - alpha) / a0;
        }
        double f0 = MusicTheory.Frequency(midi);
        double phase = 0;
        uint vib = 0, vibInc = Oscillator.Increment(5.5, s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            vib += vibInc;
            double f = f0 * (1 + vibrato * Oscillator.Sin(vib) * Math.Min(1, i / (0.2 * sr)));
            double dt = f / sr;
            phase += dt;
            if (phase >= 1) phase -= 1;
            float saw = (float)(2 * phase - 1 - PolyBlep(phase, dt));
            float consonant = i < sr * 0.02f ? s.Noise.Next() * 0.5f : 0f;
            float src = saw + breath * s.Noise.Next() + consonant;
            float sum = 0;
            for (int k = 0; k < 3; k++)
            {
                float y = b0[k] * (src - x2[k]) - a1[k] * y1[k] - a2[k] * y2[k];
                x2[k] = x1[k]; x1[k] = src; y2[k] = y1[k]; y1[k] = y;
                sum += FormantGain[k] * y;
            }
            target[at + i] += amp * 2.5f * e[i] * sum;
        }
    }

    // The band-limiting correction of a naive sawtooth at its reset (polyBLEP), so the voice does not alias.
    private static double PolyBlep(double t, double dt)
    {
        if (t < dt) { t /= dt; return t + t - t * t - 1; }
        if (t > 1 - dt) { t = (t - 1) / dt; return t * t + t + t + 1; }
        return 0;
    }
}
