namespace MusicCluster.Experiments.Lyrics;

/// <summary>Orders strings by Unicode code point, as Python's <c>sorted</c> does (ordinal UTF-16 order differs above U+FFFF).</summary>
public sealed class CodePointComparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static CodePointComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i], b = y[i];
            if (a == b) continue;
            // A surrogate (U+D800–DFFF) encodes a code point above every BMP character, so lift it above U+FFFF.
            int ka = char.IsSurrogate(a) ? a + 0x10000 : a;
            int kb = char.IsSurrogate(b) ? b + 0x10000 : b;
            return ka.CompareTo(kb);
        }
        return x.Length.CompareTo(y.Length);
    }
}
