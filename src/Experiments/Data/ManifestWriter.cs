using CsvHelper;

namespace MusicCluster.Experiments.Data;

/// <summary>Writes a tracks.csv that <see cref="Manifest.Load"/> reads back: RFC 4180, UTF-8 without BOM, CRLF, atomic.</summary>
public static class ManifestWriter
{
    /// <summary>One row to write: the known columns, then metadata values in the order of the metadata column names.</summary>
    public sealed record Row(string TrackId, string File, string? Language, string? Genre, string? Lyrics, IReadOnlyList<string> Metadata);

    /// <summary>Writes <paramref name="rows"/> with header <c>track_id,file,language,genre,lyrics</c> plus <paramref name="metadataColumns"/>.</summary>
    public static void Write(string path, IReadOnlyList<Row> rows, IReadOnlyList<string> metadataColumns)
    {
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.None, ValidateFieldCount = true };
        AtomicFile.Write(path, stream =>
        {
            using var writer = CsvWriter.Create(stream, options, leaveOpen: true);
            writer.WriteHeader([.. Manifest.KnownColumns, .. metadataColumns]);
            var fields = new string[Manifest.KnownColumns.Length + metadataColumns.Count];
            foreach (var r in rows)
            {
                if (r.Metadata.Count != metadataColumns.Count)
                    throw new ArgumentException($"track {r.TrackId} has {r.Metadata.Count} metadata values for {metadataColumns.Count} columns");
                fields[0] = r.TrackId; fields[1] = r.File; fields[2] = r.Language ?? ""; fields[3] = r.Genre ?? ""; fields[4] = r.Lyrics ?? "";
                for (int m = 0; m < r.Metadata.Count; m++) fields[5 + m] = r.Metadata[m];
                writer.WriteRecord(fields);
            }
            writer.Flush();
        });
    }
}
