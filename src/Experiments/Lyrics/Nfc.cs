using System.Text;

namespace MusicCluster.Experiments.Lyrics;

/// <summary>Unicode Normalization Form C (canonical decomposition, canonical ordering, canonical composition; UAX #15).</summary>
/// <remarks>
/// The project runs .NET with invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text
/// uncomposed, so NFC is done here from tables generated out of the Unicode Character Database
/// (<see cref="NfcData"/>, by tests/reference/lyrics_nfc_tables.py). That also keeps tokens identical across machines.
/// </remarks>
public static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Dictionary<long, int> Compositions = BuildCompositions();

    // Quick-check data (UAX #15 §9): the combining class of every BMP code point, and per BMP code point whether it
    // cannot appear in NFC (No: it decomposes and never recomposes) or may combine with what precedes it (Maybe).
    private static readonly byte[] BmpClass = BuildBmpClasses();
    private static readonly bool[] BmpNoOrMaybe = BuildBmpNoOrMaybe();

    /// <summary>The Unicode version of the tables.</summary>
    public static string UnicodeVersion => NfcData.UnicodeVersion;

    /// <summary>The NFC form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        bool simple = true;
        foreach (char c in text) if (c >= 0x300) { simple = false; break; }
        if (simple || IsQuickNfc(text)) return text; // nothing below U+0300 decomposes, combines or reorders

        var cps = new List<int>(text.Length + 8);
        foreach (Rune r in text.EnumerateRunes()) Decompose(r.Value, cps);
        Reorder(cps);
        int n = Compose(cps);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < n; i++) sb.Append(new Rune(cps[i]).ToString());
        return sb.ToString();
    }

    /// <summary>The canonical combining class of a code point (0 for starters).</summary>
    public static int CombiningClass(int codePoint)
    {
        if (codePoint < 0x10000) return BmpClass[codePoint];
        int k = Array.BinarySearch(NfcData.CombiningCodePoints, codePoint);
        return k >= 0 ? NfcData.CombiningClasses[k] : 0;
    }

    private static void Decompose(int cp, List<int> output)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            int s = cp - SBase;
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
            return;
        }
        int k = Array.BinarySearch(NfcData.DecomposedCodePoints, cp);
        if (k < 0) { output.Add(cp); return; }
        Decompose(NfcData.DecompositionFirst[k], output);
        if (NfcData.DecompositionSecond[k] >= 0) Decompose(NfcData.DecompositionSecond[k], output);
    }

    // Canonical ordering: a stable sort by combining class within each run of non-starters.
    private static void Reorder(List<int> cps)
    {
        for (int i = 1; i < cps.Count; i++)
        {
            int cc = CombiningClass(cps[i]);
            if (cc == 0) continue;
            int cp = cps[i], j = i;
            while (j > 0 && CombiningClass(cps[j - 1]) > cc) { cps[j] = cps[j - 1]; j--; }
            cps[j] = cp;
        }
    }

    // Canonical composition in place; returns the new length.
    private static int Compose(List<int> cps)
    {
        if (cps.Count == 0) return 0;
        int starterIndex = 0, starter = cps[0];
        int lastClass = CombiningClass(starter) == 0 ? 0 : 256; // a leading mark has no starter to join
        int length = 1;
        for (int i = 1; i < cps.Count; i++)
        {
            int ch = cps[i], cc = CombiningClass(ch);
            int composite = ComposePair(starter, ch);
            if (composite >= 0 && (lastClass < cc || lastClass == 0))
            {
                cps[starterIndex] = composite;
                starter = composite;
                continue;
            }
            if (cc == 0) { starterIndex = length; starter = ch; }
            lastClass = cc;
            cps[length++] = ch;
        }
        return length;
    }

    private static int ComposePair(int a, int b)
    {
        if (a is >= LBase and < LBase + LCount && b is >= VBase and < VBase + VCount)
            return SBase + ((a - LBase) * VCount + (b - VBase)) * TCount;
        if (a is >= SBase and < SBase + SCount && (a - SBase) % TCount == 0 && b is > TBase and < TBase + TCount)
            return a + (b - TBase);
        return Compositions.TryGetValue(((long)a << 21) | (uint)b, out int c) ? c : -1;
    }

    // True when the text is certainly NFC: BMP only, no No/Maybe code point, marks in canonical order.
    private static bool IsQuickNfc(string text)
    {
        int last = 0;
        foreach (char c in text)
        {
            if (char.IsSurrogate(c) || BmpNoOrMaybe[c]) return false;
            int cc = BmpClass[c];
            if (cc != 0 && last > cc) return false;
            last = cc;
        }
        return true;
    }

    private static byte[] BuildBmpClasses()
    {
        var t = new byte[0x10000];
        for (int k = 0; k < NfcData.CombiningCodePoints.Length && NfcData.CombiningCodePoints[k] < 0x10000; k++)
            t[NfcData.CombiningCodePoints[k]] = NfcData.CombiningClasses[k];
        return t;
    }

    private static bool[] BuildBmpNoOrMaybe()
    {
        var t = new bool[0x10000];
        for (int k = 0; k < NfcData.DecomposedCodePoints.Length; k++)
        {
            int cp = NfcData.DecomposedCodePoints[k];
            if (NfcData.Recomposes[k] == 0 && cp < 0x10000) t[cp] = true; // No: never survives NFC
            int second = NfcData.DecompositionSecond[k];
            if (NfcData.Recomposes[k] == 1 && second < 0x10000) t[second] = true; // Maybe: joins a preceding starter
        }
        for (int v = VBase; v < VBase + VCount; v++) t[v] = true; // Hangul vowel and trailing jamo join algorithmically
        for (int v = TBase + 1; v < TBase + TCount; v++) t[v] = true;
        return t;
    }

    private static Dictionary<long, int> BuildCompositions()
    {
        var d = new Dictionary<long, int>();
        for (int k = 0; k < NfcData.DecomposedCodePoints.Length; k++)
            if (NfcData.Recomposes[k] == 1)
                d[((long)NfcData.DecompositionFirst[k] << 21) | (uint)NfcData.DecompositionSecond[k]] = NfcData.DecomposedCodePoints[k];
        return d;
    }
}
