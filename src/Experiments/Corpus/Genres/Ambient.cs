namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Ambient: slow-attack ninth-chord pads, a drone, sparse FM bells, echo and reverb, no drums, a long swell.</summary>
internal sealed class Ambient : Genre
{
    public override string Name => "ambient";
    public override (float Min, float Max) Peak => (0.3f, 0.65f);
    public override (float Min, float Max) MasterDrive => (1f, 1.1f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Range(60, 84);
        s.Tonic = s.Rng.Between(36, 47);
        s.Scale = s.Rng.Pick([MusicTheory.Lydian, MusicTheory.Major, MusicTheory.Dorian]);
        UseProgression(s, s.Rng.Pick([new[] { 0, 0, 1, 1 }, [0, 0, 3, 3], [0, 0, 5, 5]]), 5, 1);
    }

    public override void Render(Song s)
    {
        int n = s.Mix.Length;
        bool bells = s.Rng.Chance(0.7), pulse = s.Rng.Chance(0.25), voice = s.Rng.Chance(0.25);
        float bellRatio = s.Rng.Pick([3.5f, 1.4f, 2.76f]);
        var padHarmonics = new[] { 1f, 0.3f * s.Rng.Range(0.5, 1.5), 0.15f, 0.08f };
        float attack = s.Rng.Range(0.8, 2.5);
        Instruments.Tone(s, s.Mix, 0, n, s.Tonic - 12, [1f, 0.2f], new Envelope(2f, 1f, 1f, 0.5f), 0.2f);
        for (int bar = 0; bar < s.Bars; bar += 2)
        {
            var chord = s.ChordAt(bar);
            int gate = 8 * s.SamplesPerBeat;
            foreach (int note in chord)
            {
                Instruments.Tone(s, s.Mix, s.At(bar, 0), gate, note, padHarmonics, new Envelope(attack, 1f, 0.8f, 2f), 0.09f, 0.002f, 0.3f, -5);
                Instruments.Tone(s, s.Mix, s.At(bar, 0), gate, note, padHarmonics, new Envelope(attack, 1f, 0.8f, 2f), 0.09f, 0.002f, 0.25f, 5);
            }
            if (voice) SingPhrase(s, s.Mix, bar, [0], 28, s.Tonic + 24, 0.25f, range: 2, vibrato: 0.004f, breath: 0.4f);
        }
        for (int bar = 0; bar < s.Bars; bar++)
            for (int beat = 0; beat < 4; beat++)
            {
                if (bells && s.Rng.Chance(0.3))
                {
                    var chord = s.ChordAt(bar);
                    Instruments.Fm(s, s.Mix, s.At(bar, 4 * beat, s.Rng.Range(0, 60)), s.Samples(0.05), chord[s.Rng.Next(chord.Length)] + 24, bellRatio, 2f, 0.6f, new Envelope(0.002f, 1.5f, 0f, 1.5f), 0.12f);
                }
                if (pulse) Instruments.Shaker(s, s.Mix, s.At(bar, 4 * beat), 0.06f);
            }
        Effects.Echo(s.Mix, (int)(s.SamplesPerBeat * 0.75), s.Rng.Range(0.25, 0.45));
        Effects.Reverb(s.Mix, s.Rng.Range(0.4, 0.8), 0.8f, s.SampleRate);
        // A slow swell: ambient dynamics move over seconds, not beats.
        float rate = s.Rng.Range(0.05, 0.15), depth = s.Rng.Range(0.2, 0.5);
        uint phase = (uint)s.Rng.NextUInt64(), inc = Oscillator.Increment(rate, s.SampleRate);
        for (int i = 0; i < n; i++) { phase += inc; s.Mix[i] *= 1 - depth * 0.5f * (1 + Oscillator.Sin(phase)); }
    }
}
