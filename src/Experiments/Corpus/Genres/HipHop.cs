namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Hip-hop: swung boom-bap drums, sub bass on the kicks, low-passed electric-piano chords and a rhythmic spoken line.</summary>
internal sealed class HipHop : Genre
{
    private static readonly string[] KickPatterns = ["x......x..x.....", "x..x......x.....", "x.......x..x....", "x......x.x....x."];

    public override string Name => "hiphop";
    public override (float Min, float Max) Peak => (0.75f, 0.95f);
    public override (float Min, float Max) MasterDrive => (1.2f, 2.2f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Range(80, 98);
        s.Swing = s.Rng.Range(0.54, 0.64);
        s.SwingSixteenths = true;
        s.Tonic = s.Rng.Between(33, 41);
        s.Scale = s.Rng.Pick([MusicTheory.Minor, MusicTheory.Dorian, MusicTheory.HarmonicMinor]);
        UseProgression(s, s.Rng.Pick([new[] { 0, 3 }, [0, 5], [0, 5, 3, 4]]), 4, 2);
    }

    public override void Render(Song s)
    {
        int n = s.Mix.Length;
        var keys = new float[n];
        int[] kick = Hits(s.Rng.Pick(KickPatterns));
        bool sixteenthHats = s.Rng.Chance(0.5), rap = s.Rng.Chance(0.85), crackle = s.Rng.Chance(0.5);
        float snareTone = s.Rng.Range(170, 215), kickTone = s.Rng.Range(45, 58);
        var sub = new float[] { 1f, 0.15f };
        int sixteenth = s.SamplesPerBeat / 4;
        for (int bar = 0; bar < s.Bars; bar++)
        {
            var chord = s.ChordAt(bar);
            foreach (int k in kick)
            {
                Instruments.Kick(s, s.Mix, s.At(bar, k, s.Rng.Range(-6, 6)), 0.95f, kickTone, 0.3f);
                Instruments.Tone(s, s.Mix, s.At(bar, k), 3 * sixteenth, chord[0] - 24, sub, new Envelope(0.005f, 0.3f, 0.5f, 0.1f), 0.5f);
            }
            Instruments.Snare(s, s.Mix, s.At(bar, 4, s.Rng.Range(-5, 8)), 0.85f, snareTone, 0.95f, 0.18f);
            Instruments.Snare(s, s.Mix, s.At(bar, 12, s.Rng.Range(-5, 8)), 0.85f, snareTone, 0.95f, 0.18f);
            for (int st = 0; st < 16; st += sixteenthHats ? 1 : 2)
                Instruments.Hat(s, s.Mix, s.At(bar, st, s.Rng.Range(-5, 5)), s.Rng.Range(0.08, 0.25), 0.035f);
            int[] stabs = s.Rng.Chance(0.5) ? [0, 10] : [0];
            foreach (int st in stabs)
                foreach (int note in chord)
                    Instruments.Fm(s, keys, s.At(bar, st, s.Rng.Range(0, 15)), stabs.Length == 1 ? 3 * s.SamplesPerBeat : 6 * sixteenth, note, 1f, 1.8f, 0.4f, new Envelope(0.004f, 1.2f, 0.3f, 0.3f), 0.13f);
            if (rap && bar % 4 != 3)
            {
                var steps = new List<double>();
                for (int st = 0; st < 16; st++) if (s.Rng.Chance(0.7)) steps.Add(st);
                SingPhrase(s, s.Mix, bar, steps.ToArray(), 0.8, s.Tonic + 19, 0.55f, range: 2, vibrato: 0, breath: 0.3f);
            }
        }
        Effects.LowPass(keys, s.Rng.Range(1200, 2800), s.SampleRate);
        Effects.MixInto(s.Mix, keys, 1f);
        if (crackle)
            for (int i = 0; i < n; i++)
                if (s.Rng.Chance(0.0004)) s.Mix[i] += s.Rng.Range(-0.3, 0.3);
    }
}
