using System.Text;

namespace MusicCluster.Experiments.Corpus;

/// <summary>Writes song lyrics from a <see cref="Vocabulary"/>: lines of function words, general words, verbs and topic words.</summary>
/// <remarks>Topic words lean on the track's genre (a per-track share between 35% and 70% of content words), and some
/// come from other genres' topics, so lyrics hint at the genre without giving it away.</remarks>
internal static class LyricsGenerator
{
    public static string Write(ref Rng rng, Vocabulary v, string genre)
    {
        float topicShare = rng.Range(0.35, 0.7);
        var others = v.Topics.Keys.Where(k => k != genre).ToArray();
        int lines = rng.Between(3, 7);
        var text = new StringBuilder();
        string? chorus = null;
        for (int l = 0; l < lines; l++)
        {
            if (chorus is not null && l == lines - 1 && rng.Chance(0.6)) { text.Append(chorus); break; }
            var line = new StringBuilder();
            int words = rng.Between(4, 8);
            for (int w = 0; w < words; w++)
            {
                string word;
                double r = rng.NextDouble();
                if (r < 0.3) word = rng.Pick(v.Function);
                else if (r < 0.42) word = rng.Pick(v.Verbs);
                else if (rng.Chance(topicShare)) word = rng.Pick(v.Topics[genre]);
                else if (rng.Chance(0.25)) word = rng.Pick(v.Topics[rng.Pick(others)]);
                else word = rng.Pick(v.General);
                if (w == 0 && v.Language == "en") word = char.ToUpperInvariant(word[0]) + word[1..];
                if (w > 0) line.Append(' ');
                line.Append(word);
            }
            line.Append(rng.Pick(v.LineEnds));
            if (l == 0) chorus = line.ToString();
            text.Append(line);
            if (l < lines - 1) text.Append('\n');
        }
        return text.ToString();
    }
}
