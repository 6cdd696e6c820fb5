using System.Globalization;
using System.Text;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>Splits lyrics in English, Bangla or both into lower-case word tokens, never cutting a grapheme cluster.</summary>
/// <remarks>
/// Steps: format characters are dropped (ZWJ/ZWNJ only choose glyph shapes, so কার্‍য and কার্য are the same word;
/// zero-width space separates words), the text is NFC-normalised, split into <see cref="Graphemes"/>, and a word is a
/// run of clusters whose base is a letter, digit or combining mark — so Bengali vowel signs, chandrabindu and
/// hasanta stay inside their word. An apostrophe between two word clusters (don't, it’s) is kept as U+0027;
/// every other punctuation mark, the dari । and ॥ included, ends the word. Words are lower-cased with invariant
/// simple case mapping (Bengali has no case, so only Latin and other cased scripts change).
/// </remarks>
public static class LyricsTokenizer
{
    /// <summary>The normalised text the tokens are cut from: format characters removed, NFC.</summary>
    public static string Normalize(string text)
    {
        if (!HasFormatCharacters(text)) return Nfc.Normalize(text);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            Rune r = Rune.GetRuneAt(text, i);
            if (r.Value == 0x200B) sb.Append(' '); // zero-width space: an invisible word break
            else if (Rune.GetUnicodeCategory(r) != UnicodeCategory.Format) sb.Append(text, i, r.Utf16SequenceLength); // drops ZWJ, ZWNJ, soft hyphen, BOM, word joiner
            i += r.Utf16SequenceLength;
        }
        return Nfc.Normalize(sb.ToString());
    }

    private static bool HasFormatCharacters(string text)
    {
        for (int i = 0; i < text.Length;)
        {
            Rune r = Rune.GetRuneAt(text, i);
            if (r.Value == 0x200B || Rune.GetUnicodeCategory(r) == UnicodeCategory.Format) return true;
            i += r.Utf16SequenceLength;
        }
        return false;
    }

    /// <summary>The word tokens of <paramref name="text"/>, in order, lower-cased.</summary>
    public static List<string> Tokenize(string text)
    {
        string s = Normalize(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        int i = 0;
        while (i < s.Length)
        {
            int end = Graphemes.ClusterEnd(s, i);
            if (end == i + 1 && IsApostrophe(s[i]))
            {
                if (word.Length > 0 && end < s.Length && IsWordCluster(s, end)) word.Append('\'');
                else Flush(word, tokens);
            }
            else if (IsWordCluster(s, i)) word.Append(s, i, end - i);
            else Flush(word, tokens);
            i = end;
        }
        Flush(word, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0) return;
        tokens.Add(word.ToString().ToLowerInvariant());
        word.Clear();
    }

    private static bool IsWordCluster(string s, int i)
    {
        Rune r = Rune.GetRuneAt(s, i);
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            _ => false,
        };
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';
}
