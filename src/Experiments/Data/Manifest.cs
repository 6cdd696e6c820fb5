using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>A dataset: a folder holding <c>tracks.csv</c> and the audio files it names.</summary>
/// <remarks>
/// tracks.csv is RFC 4180 CSV in UTF-8 (a byte-order mark is allowed) with a header row. Required columns:
/// <c>track_id</c>, <c>file</c>; optional: <c>language</c>, <c>genre</c>, <c>lyrics</c>; any other column is kept as
/// metadata. Header names match ignoring case and surrounding spaces. Every problem found is reported (up to
/// <see cref="MaxReportedErrors"/>) in one <see cref="UserInputException"/>, each naming the line and the column.
/// </remarks>
public sealed partial class Manifest
{
    /// <summary>The manifest's file name inside a dataset folder.</summary>
    public const string FileName = "tracks.csv";

    /// <summary>The largest tracks.csv accepted (bytes).</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The largest cell accepted (UTF-8 bytes); long lyrics are a few kilobytes.</summary>
    public const int MaxCellBytes = 1 << 20;

    /// <summary>The most columns accepted.</summary>
    public const int MaxColumns = 1024;

    /// <summary>How many problems one error message lists.</summary>
    public const int MaxReportedErrors = 20;

    /// <summary>The required and optional column names, in the order a writer puts them.</summary>
    public static readonly string[] KnownColumns = ["track_id", "file", "language", "genre", "lyrics"];

    private Manifest(string folder, string csvPath, List<Track> tracks, string[] metadataColumns, string[] columns)
    {
        Folder = folder; CsvPath = csvPath; Tracks = tracks; MetadataColumns = metadataColumns; Columns = columns;
    }

    /// <summary>The dataset folder (real path); track files lie inside it.</summary>
    public string Folder { get; }

    /// <summary>The manifest file that was read.</summary>
    public string CsvPath { get; }

    /// <summary>The tracks, in file order.</summary>
    public IReadOnlyList<Track> Tracks { get; }

    /// <summary>The header as written (trimmed).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The extra columns kept in <see cref="Track.Metadata"/>, in header order.</summary>
    public IReadOnlyList<string> MetadataColumns { get; }

    /// <summary>Whether the header has a language column.</summary>
    public bool HasLanguage => Has("language");

    /// <summary>Whether the header has a genre column.</summary>
    public bool HasGenre => Has("genre");

    /// <summary>Whether the header has a lyrics column.</summary>
    public bool HasLyrics => Has("lyrics");

    /// <summary>The distinct genre labels, sorted ordinally (empty when no track has one).</summary>
    public IReadOnlyList<string> Genres => Tracks.Where(t => t.Genre is not null).Select(t => t.Genre!).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Each track's index into <see cref="Genres"/>, or -1 where its genre is missing: ground truth for clustering scores.</summary>
    public int[] GenreIndices()
    {
        var index = Genres.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        return Tracks.Select(t => t.Genre is null ? -1 : index[t.Genre]).ToArray();
    }

    /// <summary>Tracks whose declared language (en/bn) contradicts the script of their lyrics, for a warning.</summary>
    public IReadOnlyList<Track> LanguageMismatches() => Tracks.Where(t => !Lyrics.LanguageGuess.Agrees(t.Language, t.Lyrics)).ToArray();

    private bool Has(string name) => Columns.Any(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads <paramref name="path"/>: a dataset folder, or its tracks.csv itself.</summary>
    public static Manifest Load(string path)
    {
        string csv = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(csv))
            throw new UserInputException(Directory.Exists(path) ? $"{path}: no {FileName} in this folder" : $"{path}: no such file or folder");
        var info = new FileInfo(csv);
        if (info.Length > MaxFileBytes)
            throw new UserInputException($"{csv}: {info.Length} bytes is larger than the {MaxFileBytes >> 20} MiB a manifest may have");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(csv); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{csv}: cannot read ({e.Message})", e); }
        string folder = ContainedPath.RealPath(Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(csv))!));
        return Parse(bytes, csv, folder);
    }

    /// <summary>Parses manifest bytes; files are resolved against <paramref name="folder"/>; <paramref name="name"/> labels errors.</summary>
    public static Manifest Parse(byte[] bytes, string name, string folder)
    {
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        CheckUtf8(bytes.AsSpan(start), start, name);
        if (bytes.Length == start) throw new UserInputException($"{name}: the file is empty; it needs a header row with at least track_id,file");

        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true,
            TrimWhitespace = false, TrackLineNumbers = true, SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Throw,
            MaxRecordSize = MaxColumns * 64 + 4 * MaxCellBytes,
        };
        var errors = new List<string>();
        var tracks = new List<Track>();
        string[] header;
        int[] metadataIndex;
        string[] metadataNames;
        try
        {
            using var reader = CsvReader.Create(new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start), options);
            header = reader.Headers.Select(h => h.Trim()).ToArray();
            var index = HeaderIndex(header, name);
            int id = index["track_id"], file = index["file"];
            int language = index.GetValueOrDefault("language", -1), genre = index.GetValueOrDefault("genre", -1), lyrics = index.GetValueOrDefault("lyrics", -1);
            metadataIndex = Enumerable.Range(0, header.Length).Where(i => !KnownColumns.Contains(header[i].ToLowerInvariant())).ToArray();
            metadataNames = metadataIndex.Select(i => header[i]).ToArray();
            var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                long line = reader.LineNumber;
                string Cell(int i)
                {
                    var span = reader.GetSpan(i);
                    if (span.Length > MaxCellBytes)
                        throw new UserInputException($"{name} line {line}, column '{header[i]}': the cell is {span.Length} bytes, more than the {MaxCellBytes >> 20} MiB limit");
                    return reader.GetString(i);
                }
                string Where(int i) => $"{name} line {line}, column '{header[i]}'";
                try
                {
                    string trackId = Cell(id).Trim();
                    string fileText = Cell(file).Trim();
                    if (trackId.Length == 0) errors.Add($"{Where(id)}: the track id is empty");
                    else if (firstLine.TryGetValue(trackId, out long first)) errors.Add($"{Where(id)}: duplicate track id '{trackId}' (first on line {first})");
                    else firstLine[trackId] = line;

                    string? full = null;
                    if (fileText.Length == 0) errors.Add($"{Where(file)}: the file name is empty");
                    else
                    {
                        full = ContainedPath.Resolve(folder, fileText, out string? problem);
                        if (full is null) errors.Add($"{Where(file)}: {problem}");
                        else if (Directory.Exists(full)) { errors.Add($"{Where(file)}: '{fileText}' is a folder, not an audio file"); full = null; }
                        else if (!File.Exists(full)) { errors.Add($"{Where(file)}: '{fileText}' does not exist in {folder}"); full = null; }
                    }
                    var metadata = new Dictionary<string, string>(metadataIndex.Length, StringComparer.Ordinal);
                    for (int m = 0; m < metadataIndex.Length; m++) metadata[metadataNames[m]] = Cell(metadataIndex[m]);
                    string? lang = language >= 0 ? NullIfEmpty(Cell(language)) : null;
                    string? gen = genre >= 0 ? NullIfEmpty(Cell(genre)) : null;
                    string lyr = lyrics >= 0 ? Cell(lyrics) : "";
                    if (full is not null && trackId.Length > 0) tracks.Add(new Track(trackId, fileText, full, lang, gen, lyr, metadata, line));
                }
                catch (UserInputException e) { errors.Add(e.Message); }
                if (errors.Count >= MaxReportedErrors) break;
            }
        }
        catch (CsvFormatException e)
        {
            string where = e.LineNumber > 0 ? $"line {e.LineNumber}" : $"record {e.RecordNumber}";
            throw new UserInputException($"{name} {where}: malformed CSV ({e.Message})", e);
        }
        if (errors.Count > 0)
        {
            string more = errors.Count >= MaxReportedErrors ? $"\n  (stopped after {MaxReportedErrors} problems)" : "";
            throw new UserInputException($"{name}: {errors.Count} problem(s) in the manifest:\n  " + string.Join("\n  ", errors) + more);
        }
        if (tracks.Count == 0) throw new UserInputException($"{name}: the manifest lists no tracks");
        return new Manifest(folder, name, tracks, metadataNames, header);
    }

    private static Dictionary<string, int> HeaderIndex(string[] header, string name)
    {
        if (header.Length > MaxColumns) throw new UserInputException($"{name}: {header.Length} columns is more than the {MaxColumns} allowed");
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) throw new UserInputException($"{name} line 1: column {i + 1} has no name");
            if (!index.TryAdd(header[i], i)) throw new UserInputException($"{name} line 1: column '{header[i]}' appears twice (columns {index[header[i]] + 1} and {i + 1})");
        }
        var missing = new[] { "track_id", "file" }.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            throw new UserInputException($"{name} line 1: missing required column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header is: {string.Join(",", header)}");
        return new Dictionary<string, int>(index.Select(kv => KeyValuePair.Create(kv.Key.ToLowerInvariant(), kv.Value)));
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void CheckUtf8(ReadOnlySpan<byte> bytes, int bomLength, string name)
    {
        if (Utf8.IsValid(bytes)) return;
        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], chars, out int read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                offset += read;
                if (status == System.Buffers.OperationStatus.InvalidData) break;
            }
            int line = 1;
            foreach (byte b in bytes[..offset]) if (b == (byte)'\n') line++;
            throw new UserInputException($"{name} line {line}: invalid UTF-8 at byte {bomLength + offset}; save the manifest as UTF-8");
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }
}
