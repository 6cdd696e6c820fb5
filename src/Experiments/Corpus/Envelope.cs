namespace MusicCluster.Experiments.Corpus;

/// <summary>An attack–decay–sustain–release amplitude envelope in seconds; the note is held for a gate time.</summary>
internal readonly record struct Envelope(float Attack, float Decay, float Sustain, float Release)
{
    public static readonly Envelope Percussive = new(0.002f, 0.25f, 0f, 0.05f);

    /// <summary>Fills <paramref name="env"/> with the envelope of a note held for <paramref name="gate"/> samples.</summary>
    public void Render(Span<float> env, int gate, int sampleRate)
    {
        float a = Math.Max(1, Attack * sampleRate), d = Math.Max(1, Decay * sampleRate), r = Math.Max(1, Release * sampleRate);
        float level = 0;
        for (int n = 0; n < env.Length; n++)
        {
            if (n < gate)
            {
                if (n < a) level = n / a;
                else if (n < a + d) level = 1f - (1f - Sustain) * ((n - a) / d);
                else level = Sustain;
                env[n] = level;
            }
            else
            {
                float k = 1f - (n - gate) / r;
                env[n] = k > 0 ? level * k : 0f;
            }
        }
    }

    /// <summary>The samples a note gated for <paramref name="gate"/> samples sounds, release included.</summary>
    public int Length(int gate, int sampleRate) => gate + (int)(Release * sampleRate) + 1;
}
