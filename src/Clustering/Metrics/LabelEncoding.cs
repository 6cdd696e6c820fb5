namespace MusicCluster.Clustering.Metrics;

/// <summary>Maps arbitrary integer labels to 0..K−1 in increasing label order (like numpy.unique's inverse).</summary>
public sealed class LabelEncoding
{
    private LabelEncoding(int[] classes, int[] codes) { Classes = classes; Codes = codes; }

    /// <summary>The distinct labels, sorted.</summary>
    public int[] Classes { get; }

    /// <summary>The code (index into <see cref="Classes"/>) of every sample.</summary>
    public int[] Codes { get; }

    /// <summary>Number of distinct labels.</summary>
    public int Count => Classes.Length;

    /// <summary>Encodes a label vector.</summary>
    public static LabelEncoding Fit(ReadOnlySpan<int> labels)
    {
        var sorted = labels.ToArray();
        Array.Sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.Length; i++)
            if (i == 0 || sorted[i] != sorted[i - 1]) sorted[k++] = sorted[i];
        var classes = sorted.AsSpan(0, k).ToArray();
        var codes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++) codes[i] = Array.BinarySearch(classes, labels[i]);
        return new LabelEncoding(classes, codes);
    }

    /// <summary>Number of samples per code.</summary>
    public long[] Counts()
    {
        var c = new long[Count];
        foreach (int code in Codes) c[code]++;
        return c;
    }

    /// <summary>Applies a <see cref="NoiseHandling"/> to predicted labels; returns the kept sample indices (null when all are kept).</summary>
    internal static int[] Prepare(ReadOnlySpan<int> labels, NoiseHandling noise, out int[]? kept)
    {
        kept = null;
        if (noise == NoiseHandling.AsOneCluster || labels.IndexOf(-1) < 0) return labels.ToArray();
        if (noise == NoiseHandling.AsSingletons)
        {
            var result = labels.ToArray();
            int next = 0;
            foreach (int l in labels) next = Math.Max(next, l + 1);
            for (int i = 0; i < result.Length; i++) if (result[i] == -1) result[i] = next++;
            return result;
        }
        var keep = new List<int>(labels.Length);
        var values = new List<int>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] != -1) { keep.Add(i); values.Add(labels[i]); }
        kept = keep.ToArray();
        return values.ToArray();
    }
}
