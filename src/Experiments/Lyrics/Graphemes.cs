using System.Globalization;
using System.Text;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>Splits text into user-perceived characters (grapheme clusters) for the scripts lyrics use.</summary>
/// <remarks>
/// A cluster is one base code point followed by every combining mark (Mn, Mc, Me), ZWJ/ZWNJ and emoji modifier,
/// and — as Unicode 15.1's rule GB9c does for Indic scripts — a Bengali or Devanagari consonant joined to the next
/// consonant by a virama (hasanta, U+09CD) stays one cluster, so a conjunct like ক্ষ is never cut in two.
/// CR LF is one cluster. The rules are written out here rather than taken from <see cref="StringInfo"/> so that
/// the result does not change with the runtime's Unicode version (the Python reference implements the same rules).
/// </remarks>
public static class Graphemes
{
    private const int Zwj = 0x200D, Zwnj = 0x200C;

    /// <summary>The clusters of <paramref name="text"/>, in order.</summary>
    public static List<string> Split(string text)
    {
        var result = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            int end = ClusterEnd(text, i);
            result.Add(text[i..end]);
            i = end;
        }
        return result;
    }

    /// <summary>The index just past the cluster that starts at <paramref name="start"/>.</summary>
    public static int ClusterEnd(string text, int start)
    {
        Rune first = Rune.GetRuneAt(text, start);
        int i = start + first.Utf16SequenceLength;
        if (first.Value == '\r' && i < text.Length && text[i] == '\n') return i + 1;
        if (IsControl(first)) return i;
        bool consonantBase = IsIndicConsonant(first.Value);
        bool linked = false; // a virama has been seen since the last consonant (GB9c)
        bool afterZwj = false;
        while (i < text.Length)
        {
            Rune r = Rune.GetRuneAt(text, i);
            int v = r.Value;
            if (v == Zwnj) { linked = false; afterZwj = false; }
            else if (v == Zwj) { afterZwj = true; }
            else if (IsExtend(r)) { if (IsVirama(v) && consonantBase) linked = true; afterZwj = false; }
            else if (linked && IsIndicConsonant(v)) { linked = false; afterZwj = false; }
            else if (afterZwj && IsPictographic(v)) { afterZwj = false; }
            else break;
            i += r.Utf16SequenceLength;
        }
        return i;
    }

    /// <summary>Combining marks, emoji modifiers and variation selectors: they never start a cluster.</summary>
    public static bool IsExtend(Rune r)
    {
        int v = r.Value;
        if (v is Zwj or Zwnj) return true;
        if (v is >= 0x1F3FB and <= 0x1F3FF) return true; // emoji skin-tone modifiers
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsControl(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsVirama(int v) => v is 0x09CD or 0x094D;

    // Bengali and Devanagari consonants (after NFC, nukta forms like য় are a consonant plus U+09BC).
    private static bool IsIndicConsonant(int v) => v is (>= 0x0995 and <= 0x09B9) or (>= 0x09DC and <= 0x09DF) or (>= 0x0915 and <= 0x0939) or (>= 0x0958 and <= 0x095F);

    private static bool IsPictographic(int v) => v is (>= 0x2600 and <= 0x27BF) or (>= 0x1F000 and <= 0x1FAFF);
}
