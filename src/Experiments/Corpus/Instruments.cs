namespace MusicCluster.Experiments.Corpus;

/// <summary>Drum voices from noise and pitched decays, and pitched voices from additive, FM and plucked-string synthesis.</summary>
/// <remarks>Every voice adds into a target buffer at a sample offset and stops at the buffer's end.</remarks>
internal static class Instruments
{
    /// <summary>A kick: a sine whose pitch falls from about 2.5× to <paramref name="tone"/> Hz, with a noise click.</summary>
    public static void Kick(Song s, float[] target, int at, float amp, float tone = 50, float decay = 0.22f)
    {
        int n = s.Fit(at, s.Samples(decay * 4));
        uint phase = 0;
        float baseInc = Oscillator.Increment(tone, s.SampleRate);
        // Exponential decays as per-sample multipliers: exact to rounding and far cheaper than exp per sample.
        float glide = 1, glideMul = Decay(0.03f, s.SampleRate), clickEnv = 0.3f, clickMul = Decay(0.003f, s.SampleRate);
        float env = 1, envMul = Decay(decay, s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            phase += (uint)(baseInc * (1 + 1.6f * glide));
            target[at + i] += amp * (Oscillator.Sin(phase) * env + s.Noise.Next() * clickEnv);
            glide *= glideMul; clickEnv *= clickMul; env *= envMul;
        }
    }

    /// <summary>A snare: a short pitched body plus high-passed noise; <paramref name="snappy"/> weights the noise.</summary>
    public static void Snare(Song s, float[] target, int at, float amp, float tone = 200, float snappy = 0.7f, float decay = 0.12f)
    {
        int n = s.Fit(at, s.Samples(decay * 5));
        uint phase = 0, inc = Oscillator.Increment(tone, s.SampleRate);
        float prev = 0, body = 0.6f, bodyMul = Decay(0.04f, s.SampleRate), rattle = snappy * 0.6f, rattleMul = Decay(decay, s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            float x = s.Noise.Next();
            float hp = x - prev; prev = x;
            phase += inc;
            target[at + i] += amp * (body * Oscillator.Sin(phase) + rattle * hp);
            body *= bodyMul; rattle *= rattleMul;
        }
    }

    /// <summary>A hi-hat: twice-differenced noise (energy above ~5 kHz) with a short or long decay.</summary>
    public static void Hat(Song s, float[] target, int at, float amp, float decay = 0.04f)
    {
        int n = s.Fit(at, s.Samples(decay * 6));
        float p1 = 0, p2 = 0, env = amp * 0.35f, mul = Decay(decay, s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            float x = s.Noise.Next();
            float d1 = x - p1; p1 = x;
            float d2 = d1 - p2; p2 = d1;
            target[at + i] += env * d2;
            env *= mul;
        }
    }

    /// <summary>A hand clap: three quick noise bursts and a tail, band-limited by one difference.</summary>
    public static void Clap(Song s, float[] target, int at, float amp)
    {
        int n = s.Fit(at, s.Samples(0.25));
        float prev = 0, sr = s.SampleRate;
        for (int i = 0; i < n; i++)
        {
            float t = i / sr;
            float burst = t < 0.03f ? MathF.Exp(-(t % 0.01f) / 0.002f) : MathF.Exp(-(t - 0.03f) / 0.06f);
            float x = s.Noise.Next();
            target[at + i] += amp * 0.7f * (x - prev) * burst;
            prev = x;
        }
    }

    /// <summary>A ride or bell cymbal: inharmonic partials plus bright noise with a long decay.</summary>
    public static void Ride(Song s, float[] target, int at, float amp, float pitch = 430, float decay = 0.6f)
    {
        ReadOnlySpan<float> ratios = [1f, 1.47f, 1.98f, 2.44f, 3.16f, 4.07f];
        int n = s.Fit(at, s.Samples(decay * 3));
        Span<uint> phase = stackalloc uint[ratios.Length];
        Span<uint> inc = stackalloc uint[ratios.Length];
        for (int k = 0; k < ratios.Length; k++) inc[k] = Oscillator.Increment(pitch * ratios[k] * 2.3, s.SampleRate);
        float p1 = 0, p2 = 0, env = amp, mul = Decay(decay, s.SampleRate), shimmer = 1, shimmerMul = Decay(decay * 0.3f, s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            float sum = 0;
            for (int k = 0; k < ratios.Length; k++) { phase[k] += inc[k]; sum += Oscillator.Sin(phase[k]); }
            float x = s.Noise.Next();
            float d1 = x - p1; p1 = x;
            float d2 = d1 - p2; p2 = d1;
            // The partials ring on; the bright noise of the stick fades three times faster.
            target[at + i] += env * (0.06f * sum + 0.12f * shimmer * d2);
            env *= mul; shimmer *= shimmerMul;
        }
    }

    /// <summary>A shaker: differenced noise with a soft 10 ms attack.</summary>
    public static void Shaker(Song s, float[] target, int at, float amp)
    {
        int n = s.Fit(at, s.Samples(0.12));
        float prev = 0, env = amp * 0.4f, mul = Decay(0.03f, s.SampleRate), attack = 1f / (0.01f * s.SampleRate);
        for (int i = 0; i < n; i++)
        {
            float x = s.Noise.Next();
            target[at + i] += env * MathF.Min(1, i * attack) * (x - prev);
            env *= mul;
            prev = x;
        }
    }

    /// <summary>An additive tone: harmonic k has amplitude <paramref name="harmonics"/>[k-1]; partials above Nyquist are left out.</summary>
    public static void Tone(Song s, float[] target, int at, int gate, double midi, ReadOnlySpan<float> harmonics, Envelope env, float amp,
                            float vibratoDepth = 0, float vibratoRate = 5.5f, float detuneCents = 0)
    {
        int n = s.Fit(at, env.Length(gate, s.SampleRate));
        if (n == 0) return;
        var e = s.Scratch(n);
        env.Render(e, gate, s.SampleRate);
        double f0 = MusicTheory.Frequency(midi + detuneCents / 100.0);
        int count = Math.Min(harmonics.Length, (int)(s.SampleRate * 0.45 / f0));
        Span<uint> phase = stackalloc uint[Math.Max(1, count)];
        Span<uint> inc = stackalloc uint[Math.Max(1, count)];
        for (int k = 0; k < count; k++) { inc[k] = Oscillator.Increment(f0 * (k + 1), s.SampleRate); phase[k] = (uint)(k * 0x2F000000u); }
        uint vibPhase = 0, vibInc = Oscillator.Increment(vibratoRate, s.SampleRate);
        if (vibratoDepth == 0)
        {
            for (int i = 0; i < n; i++)
            {
                float sum = 0;
                for (int k = 0; k < count; k++) { phase[k] += inc[k]; sum += harmonics[k] * Oscillator.Sin(phase[k]); }
                target[at + i] += amp * e[i] * sum;
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            vibPhase += vibInc;
            float bend = 1 + vibratoDepth * Oscillator.Sin(vibPhase) * MathF.Min(1, i / (0.3f * s.SampleRate));
            float sum = 0;
            for (int k = 0; k < count; k++) { phase[k] += (uint)(int)(inc[k] * bend); sum += harmonics[k] * Oscillator.Sin(phase[k]); }
            target[at + i] += amp * e[i] * sum;
        }
    }

    /// <summary>A two-operator FM voice: carrier at the note, modulator at <paramref name="ratio"/>×, index decaying to a floor.</summary>
    public static void Fm(Song s, float[] target, int at, int gate, double midi, float ratio, float index, float indexDecay, Envelope env, float amp)
    {
        int n = s.Fit(at, env.Length(gate, s.SampleRate));
        if (n == 0) return;
        var e = s.Scratch(n);
        env.Render(e, gate, s.SampleRate);
        double f0 = MusicTheory.Frequency(midi);
        uint pc = 0, pm = 0, ic = Oscillator.Increment(f0, s.SampleRate), im = Oscillator.Increment(f0 * ratio, s.SampleRate);
        float fall = 0.75f * index, mul = Decay(indexDecay, s.SampleRate), floor = 0.25f * index;
        for (int i = 0; i < n; i++)
        {
            pc += ic; pm += im;
            target[at + i] += amp * e[i] * Oscillator.Sin(pc + Oscillator.PhaseOf((floor + fall) * Oscillator.Sin(pm)));
            fall *= mul;
        }
    }

    /// <summary>The per-sample factor of an exponential decay with time constant <paramref name="seconds"/>.</summary>
    private static float Decay(float seconds, int sampleRate) => MathF.Exp(-1f / (seconds * sampleRate));

    /// <summary>A plucked string (Karplus–Strong): a noise burst circulating in a delay line with a damped averaging filter.</summary>
    public static void Pluck(Song s, float[] target, int at, double midi, float amp, float decaySeconds = 1.5f, float brightness = 0.6f)
    {
        double f = MusicTheory.Frequency(midi);
        int delay = Math.Clamp((int)Math.Round(s.SampleRate / f), 2, 2048);
        int n = s.Fit(at, s.Samples(decaySeconds * 2));
        if (n == 0) return;
        Span<float> line = stackalloc float[delay];
        float lp = 0;
        for (int i = 0; i < delay; i++) { lp += brightness * (s.Noise.Next() - lp); line[i] = lp; }
        // Per-period loss so the string falls by 60 dB over decaySeconds.
        float loss = MathF.Pow(10f, -3f / (decaySeconds * (float)f));
        int p = 0;
        for (int i = 0; i < n; i++)
        {
            int q = p + 1 == delay ? 0 : p + 1;
            float y = line[p];
            line[p] = loss * 0.5f * (y + line[q]);
            p = q;
            target[at + i] += amp * y;
        }
    }
}
