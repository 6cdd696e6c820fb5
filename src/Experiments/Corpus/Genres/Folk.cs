namespace MusicCluster.Experiments.Corpus.Genres;

/// <summary>Folk: finger-picked or strummed plucked strings in a major key, a soft bass, light percussion and a melodic voice.</summary>
internal sealed class Folk : Genre
{
    private static readonly int[][] PickPatterns = [[0, 2, 1, 2, 3, 2, 1, 2], [0, 1, 2, 3, 2, 1, 2, 1], [0, 2, 3, 2, 0, 2, 3, 2]];

    public override string Name => "folk";
    public override (float Min, float Max) Peak => (0.45f, 0.8f);
    public override (float Min, float Max) MasterDrive => (1f, 1.3f);

    public override void Setup(Song s)
    {
        s.Bpm = s.Rng.Range(78, 122);
        s.Tonic = s.Rng.Between(40, 47);
        s.Scale = s.Rng.Chance(0.8) ? MusicTheory.Major : MusicTheory.Mixolydian;
        UseProgression(s, s.Rng.Pick([new[] { 0, 3, 4, 0 }, [0, 5, 3, 4], [0, 4, 3, 0]]), 3, 1);
    }

    public override void Render(Song s)
    {
        bool strum = s.Rng.Chance(0.35), shaker = s.Rng.Chance(0.4), kick = s.Rng.Chance(0.2), voice = s.Rng.Chance(0.85);
        int[] pattern = s.Rng.Pick(PickPatterns);
        float bright = s.Rng.Range(0.35, 0.8), decay = s.Rng.Range(1, 2.5);
        for (int bar = 0; bar < s.Bars; bar++)
        {
            var chord = s.ChordAt(bar);
            int[] voicing = [chord[0], chord[1], chord[2], chord[0] + 12];
            if (strum)
            {
                for (int beat = 0; beat < 4; beat++)
                    for (int v = 0; v < voicing.Length; v++)
                        Instruments.Pluck(s, s.Mix, s.At(bar, 4 * beat, v * 12 + s.Rng.Range(0, 4)), voicing[v], (beat % 2 == 0 ? 0.3f : 0.2f), decay, bright);
            }
            else
            {
                for (int e = 0; e < 8; e++)
                    Instruments.Pluck(s, s.Mix, s.At(bar, 2 * e, s.Rng.Range(-6, 6)), voicing[pattern[e]], s.Rng.Range(0.25, 0.4), decay, bright);
            }
            Instruments.Pluck(s, s.Mix, s.At(bar, 0), chord[0] - 12, 0.45f, 1.5f, 0.3f);
            Instruments.Pluck(s, s.Mix, s.At(bar, 8), chord[0] - 5, 0.35f, 1.5f, 0.3f);
            if (shaker) for (int st = 0; st < 16; st += 2) Instruments.Shaker(s, s.Mix, s.At(bar, st, s.Rng.Range(-5, 5)), st % 4 == 2 ? 0.25f : 0.12f);
            if (kick) { Instruments.Kick(s, s.Mix, s.At(bar, 0), 0.4f, 60, 0.2f); Instruments.Kick(s, s.Mix, s.At(bar, 8), 0.3f, 60, 0.2f); }
            if (voice)
            {
                double[] steps = s.Rng.Chance(0.5) ? [0, 4, 8, 12] : [0, 6, 8, 14];
                SingPhrase(s, s.Mix, bar, steps, 3.6, s.Tonic + 24, 0.4f, range: 4, vibrato: 0.008f);
            }
        }
    }
}
