using System.Text;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>The n-gram features of a token list, with the same loops and edge rules as scikit-learn's analyzers.</summary>
public static class NGrams
{
    /// <summary>Word n-grams of lengths [min, max] joined by single spaces, after dropping stop words (sklearn _word_ngrams).</summary>
    public static List<string> Words(IReadOnlyList<string> tokens, int min, int max, IReadOnlySet<string>? stopWords)
    {
        var kept = new List<string>(tokens.Count);
        foreach (var t in tokens) if (stopWords is null || !stopWords.Contains(t)) kept.Add(t);
        if (max == 1 && min == 1) return kept;
        var result = new List<string>();
        var sb = new StringBuilder();
        for (int n = min; n <= Math.Min(max, kept.Count); n++)
            for (int i = 0; i + n <= kept.Count; i++)
            {
                sb.Clear();
                for (int j = i; j < i + n; j++) { if (j > i) sb.Append(' '); sb.Append(kept[j]); }
                result.Add(sb.ToString());
            }
        return result;
    }

    /// <summary>Grapheme n-grams of each token padded with a space on both sides (sklearn _char_wb_ngrams over clusters).</summary>
    /// <remarks>As in scikit-learn, a padded word no longer than n yields itself once and stops the larger sizes.</remarks>
    public static List<string> CharWb(IReadOnlyList<string> tokens, int min, int max)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        foreach (var token in tokens)
        {
            var units = Graphemes.Split(token);
            units.Insert(0, " ");
            units.Add(" ");
            int w = units.Count;
            for (int n = min; n <= max; n++)
            {
                int offset = 0;
                result.Add(Join(units, offset, Math.Min(n, w), sb));
                while (offset + n < w)
                {
                    offset++;
                    result.Add(Join(units, offset, n, sb));
                }
                if (offset == 0) break;
            }
        }
        return result;
    }

    private static string Join(List<string> units, int start, int count, StringBuilder sb)
    {
        sb.Clear();
        for (int i = start; i < start + count; i++) sb.Append(units[i]);
        return sb.ToString();
    }
}
