namespace MusicCluster.Experiments.Data;

/// <summary>One row of a dataset manifest: an audio file and what is known about it.</summary>
/// <param name="Id">The track_id, unique within the manifest.</param>
/// <param name="File">The file column as written (relative to the manifest folder, '/' separated).</param>
/// <param name="FullPath">The audio file's resolved absolute path, inside the manifest folder.</param>
/// <param name="Language">The language column (for example "en", "bn"), or null when absent or empty.</param>
/// <param name="Genre">The genre column, or null when absent or empty.</param>
/// <param name="Lyrics">The lyrics column; empty for instrumentals or when the column is absent.</param>
/// <param name="Metadata">Every other column, by header name.</param>
/// <param name="Line">The 1-based line of tracks.csv where the row starts.</param>
public sealed record Track(
    string Id, string File, string FullPath, string? Language, string? Genre, string Lyrics,
    IReadOnlyDictionary<string, string> Metadata, long Line);
