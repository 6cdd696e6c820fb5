namespace MusicCluster.Experiments.Runner;

/// <summary>Reference labels of the tracks (language or genre) as integer codes, with their names.</summary>
/// <param name="Name">"language" or "genre".</param>
/// <param name="Codes">Per track, an index into <paramref name="Classes"/>.</param>
/// <param name="Classes">Distinct values in ordinal order.</param>
public sealed record LabelSet(string Name, int[] Codes, string[] Classes)
{
    /// <summary>Builds the set from per-track values; null when no track has a value (the label metrics are then skipped).</summary>
    /// <remarks>Tracks without a value share the class "(none)", so a partly labelled manifest still compares all tracks.</remarks>
    public static LabelSet? From(string name, IReadOnlyList<string?> values)
    {
        if (values.All(string.IsNullOrWhiteSpace)) return null;
        var normalised = values.Select(v => string.IsNullOrWhiteSpace(v) ? "(none)" : v.Trim()).ToArray();
        var classes = normalised.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i, StringComparer.Ordinal);
        return new LabelSet(name, normalised.Select(v => index[v]).ToArray(), classes);
    }

    /// <summary>The class name of every track.</summary>
    public string[] Names() => Codes.Select(c => Classes[c]).ToArray();
}
