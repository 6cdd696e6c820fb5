namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Electronic dance: four-on-the-floor kick, off-beat open hats, FM bass, a pumping detuned pad and an FM arpeggio.</summary>
internal sealed class Electronic : Genre
{
    public override string Name => "electronic";
    public override (float Min, float Max) Peak => (0.85f, 0.98f);
    public override (float Min, float Max) MasterDrive => (1.5f, 3f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Chance(0.2) ? s.Rng.Range(98, 112) : s.Rng.Range(120, 132);
        s.Tonic = s.Rng.Between(33, 40);
        s.Scale = s.Rng.Pick([MusicTheory.Minor, MusicTheory.Phrygian, MusicTheory.Dorian]);
        UseProgression(s, s.Rng.Pick([new[] { 0, 5, 2, 6 }, [0, 3, 5, 4], [0, 0, 5, 6]]), 4, 1);
    }

    public override void Render(Song s)
    {
        int n = s.Mix.Length;
        var pad = new float[n];
        float kickTone = s.Rng.Range(46, 56), bassRatio = s.Rng.Pick([1f, 0.5f, 2f]), bassIndex = s.Rng.Range(1.5, 4);
        bool rolling = s.Rng.Chance(0.4), arp = s.Rng.Chance(0.6), chops = s.Rng.Chance(0.2);
        float arpRatio = s.Rng.Pick([2f, 3.5f, 1f]);
        var padHarmonics = Harmonics(6, 1f);
        int sixteenth = s.SamplesPerBeat / 4;
        for (int bar = 0; bar < s.Bars; bar++)
        {
            var chord = s.ChordAt(bar);
            for (int beat = 0; beat < 4; beat++) Instruments.Kick(s, s.Mix, s.At(bar, 4 * beat), 1f, kickTone, 0.28f);
            Instruments.Clap(s, s.Mix, s.At(bar, 4), 0.6f);
            Instruments.Clap(s, s.Mix, s.At(bar, 12), 0.6f);
            for (int st = 0; st < 16; st++)
            {
                if (st % 4 == 2) Instruments.Hat(s, s.Mix, s.At(bar, st), 0.45f, 0.16f);
                else Instruments.Hat(s, s.Mix, s.At(bar, st), st % 2 == 0 ? 0.12f : 0.2f, 0.03f);
                if (rolling ? st % 4 != 0 : st % 4 == 2)
                    Instruments.Fm(s, s.Mix, s.At(bar, st), (int)(sixteenth * 0.9), chord[0] - 12, bassRatio, bassIndex, 0.05f, new Envelope(0.003f, 0.1f, 0.5f, 0.02f), 0.45f);
                if (arp)
                    Instruments.Fm(s, s.Mix, s.At(bar, st), (int)(sixteenth * 0.5), chord[st % chord.Length] + 12, arpRatio, 1.2f, 0.08f, new Envelope(0.002f, 0.12f, 0.2f, 0.05f), 0.12f);
            }
            foreach (int note in chord)
            {
                Instruments.Tone(s, pad, s.At(bar, 0), 4 * s.SamplesPerBeat, note, padHarmonics, new Envelope(0.3f, 0.5f, 0.8f, 0.3f), 0.1f, detuneCents: -9);
                Instruments.Tone(s, pad, s.At(bar, 0), 4 * s.SamplesPerBeat, note, padHarmonics, new Envelope(0.3f, 0.5f, 0.8f, 0.3f), 0.1f, detuneCents: 9);
            }
            if (chops && bar % 2 == 1) SingPhrase(s, s.Mix, bar, [0, 3, 6, 10], 1.2, s.Tonic + 24, 0.35f, range: 3, vibrato: 0);
        }
        Effects.LowPass(pad, s.Rng.Range(1500, 4000), s.SampleRate);
        Effects.Pump(pad, s.SamplesPerBeat, s.Rng.Range(0.5, 0.85), s.SampleRate);
        Effects.MixInto(s.Mix, pad, 1f);
    }
}
