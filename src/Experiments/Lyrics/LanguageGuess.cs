using System.Text;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>Which script a text is written in: the share of Bengali and of Latin letters among all letters.</summary>
public readonly record struct LanguageGuess(string Language, double BengaliShare, double LatinShare, int Letters)
{
    /// <summary>Language code for Bangla (Bengali script).</summary>
    public const string Bangla = "bn";

    /// <summary>Language code for English (Latin script).</summary>
    public const string English = "en";

    /// <summary>Returned when the text has no letters or neither script holds a clear majority.</summary>
    public const string Unknown = "und";

    /// <summary>Counts letters by script; a script with more than half of all letters names the language.</summary>
    public static LanguageGuess Of(string text)
    {
        int bengali = 0, latin = 0, letters = 0;
        foreach (Rune r in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(r)) continue; // marks are not counted: Bengali vowel signs would inflate its share
            letters++;
            if (r.Value is >= 0x0980 and <= 0x09FF) bengali++;
            else if (IsLatin(r.Value)) latin++;
        }
        if (letters == 0) return new LanguageGuess(Unknown, 0, 0, 0);
        double b = (double)bengali / letters, l = (double)latin / letters;
        string language = b > 0.5 ? Bangla : l > 0.5 ? English : Unknown;
        return new LanguageGuess(language, b, l, letters);
    }

    /// <summary>The guess as a feature vector: [Bengali share, Latin share] of the letters (zeros for no letters).</summary>
    public float[] ToFeatures() => [(float)BengaliShare, (float)LatinShare];

    /// <summary>Whether a declared language code (en/eng/english, bn/ben/bangla/bengali) matches the script of the text.</summary>
    /// <remarks>True when the text has no letters or the declared code is neither language: nothing contradicts it.</remarks>
    public static bool Agrees(string? declared, string text)
    {
        string? code = NormalizeCode(declared);
        if (code is null) return true;
        var guess = Of(text);
        return guess.Letters == 0 || guess.Language == code;
    }

    /// <summary>Maps common spellings of English and Bangla to "en"/"bn"; anything else gives null.</summary>
    public static string? NormalizeCode(string? declared) => declared?.Trim().ToLowerInvariant() switch
    {
        "en" or "eng" or "english" => English,
        "bn" or "ben" or "bangla" or "bengali" => Bangla,
        _ => null,
    };

    private static bool IsLatin(int v) => v is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= 0x00C0 and <= 0x024F) or (>= 0x1E00 and <= 0x1EFF);
}
