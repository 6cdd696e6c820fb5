namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Jazz: swung ride pattern, hi-hat on 2 and 4, brushed comping, a walking bass, seventh-chord piano stabs and an optional voice.</summary>
internal sealed class Jazz : Genre
{
    public override string Name => "jazz";
    public override (float Min, float Max) Peak => (0.5f, 0.85f);
    public override (float Min, float Max) MasterDrive => (1f, 1.4f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Range(100, 190);
        s.Swing = s.Rng.Range(0.6, 0.68);
        s.Tonic = s.Rng.Between(36, 46);
        s.Scale = s.Rng.Chance(0.6) ? MusicTheory.Major : MusicTheory.Dorian;
        UseProgression(s, s.Rng.Pick([new[] { 1, 4, 0, 5 }, [1, 4, 0, 0], [0, 5, 1, 4]]), 4, 1);
    }

    public override void Render(Song s)
    {
        bool voice = s.Rng.Chance(0.4), electric = s.Rng.Chance(0.5);
        float ridePitch = s.Rng.Range(380, 520);
        var bassHarmonics = new[] { 1f, 0.5f, 0.25f, 0.12f };
        var pianoHarmonics = new[] { 1f, 0.4f, 0.2f, 0.1f, 0.05f };
        int beat = s.SamplesPerBeat;
        for (int bar = 0; bar < s.Bars; bar++)
        {
            var chord = s.ChordAt(bar);
            var next = s.ChordAt(bar + 1);
            foreach (int st in new[] { 0, 4, 6, 8, 12, 14 }) Instruments.Ride(s, s.Mix, s.At(bar, st, s.Rng.Range(-4, 4)), st % 4 == 0 ? 0.35f : 0.22f, ridePitch);
            Instruments.Hat(s, s.Mix, s.At(bar, 4), 0.25f, 0.03f);
            Instruments.Hat(s, s.Mix, s.At(bar, 12), 0.25f, 0.03f);
            for (int st = 0; st < 16; st += 2)
                if (s.Rng.Chance(0.18)) Instruments.Snare(s, s.Mix, s.At(bar, st), s.Rng.Range(0.1, 0.25), 220, 1f, 0.25f);
            for (int b = 0; b < 4; b++) Instruments.Kick(s, s.Mix, s.At(bar, 4 * b), 0.12f, 55, 0.15f);
            // Walking bass: root, two chord or scale tones, then a half step into the next bar's root.
            int root = chord[0] - 24;
            int[] walk = [root, chord[s.Rng.Between(1, 2)] - 24, chord[s.Rng.Between(2, 3)] - 24, next[0] - 24 + (s.Rng.Chance(0.5) ? 1 : -1)];
            for (int b = 0; b < 4; b++)
                Instruments.Tone(s, s.Mix, s.At(bar, 4 * b, s.Rng.Range(-3, 3)), (int)(beat * 0.85), walk[b], bassHarmonics, new Envelope(0.01f, 0.3f, 0.4f, 0.05f), 0.4f);
            int[] voicing = [chord[1], chord[2], chord[3], chord[0] + 14];
            foreach (int st in new[] { 2, 6, 10, 14 })
            {
                if (!s.Rng.Chance(0.45)) continue;
                int at = s.At(bar, st);
                int gate = (int)(beat * s.Rng.Range(0.3, 0.9));
                foreach (int note in voicing)
                {
                    if (electric) Instruments.Fm(s, s.Mix, at, gate, note, 1f, 1.1f, 0.3f, new Envelope(0.003f, 0.8f, 0.3f, 0.1f), 0.09f);
                    else Instruments.Tone(s, s.Mix, at, gate, note, pianoHarmonics, new Envelope(0.003f, 0.6f, 0.2f, 0.1f), 0.09f);
                }
            }
            if (voice) SingPhrase(s, s.Mix, bar, [0, 3, 6, 8, 11], 2.6, s.Tonic + 24, 0.4f, range: 5, vibrato: 0.01f);
        }
    }
}
