namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Rock: driving 4/4 with backbeat snare and 8th hats, root-note 8th bass, distorted power chords, a sung line.</summary>
internal sealed class Rock : Genre
{
    private static readonly string[] KickPatterns = ["x.......x.......", "x.....x.x.......", "x.......x.x.....", "x..x....x..x...."];

    public override string Name => "rock";
    public override (float Min, float Max) Peak => (0.8f, 0.98f);
    public override (float Min, float Max) MasterDrive => (1.8f, 3f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Range(108, 152);
        s.Tonic = s.Rng.Between(40, 47);
        s.Scale = s.Rng.Pick([MusicTheory.Minor, MusicTheory.Mixolydian, MusicTheory.Major, MusicTheory.Minor]);
        int[] degrees = s.Scale == MusicTheory.Major ? s.Rng.Pick([new[] { 0, 4, 5, 3 }, [0, 3, 4, 3]])
            : s.Scale == MusicTheory.Mixolydian ? [0, 6, 3, 0] : s.Rng.Pick([new[] { 0, 6, 5, 6 }, [0, 5, 2, 6]]);
        UseProgression(s, degrees, 3, 0);
    }

    public override void Render(Song s)
    {
        int n = s.Mix.Length;
        var guitar = new float[n];
        int[] kick = Hits(s.Rng.Pick(KickPatterns));
        bool halfTime = s.Rng.Chance(0.2), chug = s.Rng.Chance(0.5), voice = s.Rng.Chance(0.7);
        float hatAmp = s.Rng.Range(0.15, 0.35), kickTone = s.Rng.Range(48, 62), snareTone = s.Rng.Range(170, 230);
        var bassHarmonics = Harmonics(6, 1.3f);
        var gtrHarmonics = Harmonics(14, s.Rng.Range(0.8, 1.2));
        float drive = s.Rng.Range(3, 8);
        int eighth = s.SamplesPerBeat / 2;
        for (int bar = 0; bar < s.Bars; bar++)
        {
            var chord = s.ChordAt(bar);
            if (bar == 0 || s.Rng.Chance(0.15)) Instruments.Hat(s, s.Mix, s.At(bar, 0), 0.5f, 0.9f); // crash
            foreach (int k in kick) Instruments.Kick(s, s.Mix, s.At(bar, k, s.Rng.Range(-4, 4)), 0.9f, kickTone);
            foreach (int k in halfTime ? [8] : new[] { 4, 12 }) Instruments.Snare(s, s.Mix, s.At(bar, k, s.Rng.Range(-4, 4)), 0.8f, snareTone, 0.8f, 0.15f);
            if (s.Rng.Chance(0.3)) Instruments.Snare(s, s.Mix, s.At(bar, 15), 0.2f, snareTone);
            for (int st = 0; st < 16; st += 2)
            {
                Instruments.Hat(s, s.Mix, s.At(bar, st, s.Rng.Range(-3, 3)), hatAmp * (st % 4 == 0 ? 1f : 0.6f), 0.05f);
                Instruments.Tone(s, s.Mix, s.At(bar, st), (int)(eighth * 0.8), chord[0] - 12, bassHarmonics, new Envelope(0.005f, 0.15f, 0.6f, 0.03f), 0.35f);
            }
            int[] power = [chord[0], chord[0] + 7, chord[0] + 12];
            int strokes = chug ? 8 : 1;
            for (int c = 0; c < strokes; c++)
            {
                int gate = chug ? (int)(eighth * 0.6) : 4 * s.SamplesPerBeat - 200;
                foreach (int note in power)
                    Instruments.Tone(s, guitar, s.At(bar, c * 2), gate, note + 12, gtrHarmonics, new Envelope(0.004f, 0.3f, 0.7f, 0.05f), 0.2f, detuneCents: s.Rng.Range(-6, 6));
            }
            if (voice && bar % 2 == 0)
                SingPhrase(s, s.Mix, bar, [0, 2, 4, 6, 8, 10, 12], 1.8, s.Tonic + 12, 0.5f);
        }
        Effects.Saturate(guitar, drive);
        Effects.LowPass(guitar, s.Rng.Range(2500, 5000), s.SampleRate);
        Effects.MixInto(s.Mix, guitar, s.Rng.Range(0.25, 0.45));
    }
}
