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
        var bounds = new List<int>();
        foreach (var token in tokens)
        {
            // Unit k of the padded word spans padded[bounds[k]..bounds[k + 1]]: a space, the clusters, a space.
            string padded = " " + token + " ";
            bounds.Clear();
            bounds.Add(0);
            for (int i = 1; i < padded.Length - 1; i = Graphemes.ClusterEnd(padded, i)) bounds.Add(i);
            bounds.Add(padded.Length - 1);
            bounds.Add(padded.Length);
            int w = bounds.Count - 1;
            for (int n = min; n <= max; n++)
            {
                int offset = 0;
                result.Add(Slice(padded, bounds, offset, Math.Min(n, w)));
                while (offset + n < w)
                {
                    offset++;
                    result.Add(Slice(padded, bounds, offset, n));
                }
                if (offset == 0) break;
            }
        }
        return result;
    }

    private static string Slice(string padded, List<int> bounds, int start, int count)
        => padded.Substring(bounds[start], bounds[start + count] - bounds[start]);
}
