using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MusicCluster.Experiments.Data;

/// <summary>Caches per-track feature arrays on disk, keyed by the audio file's SHA-256 and a settings string.</summary>
/// <remarks>
/// An entry lives at <c>FOLDER/ab/abcd…(content hash)-(settings hash).feat</c>, so the same audio under another name
/// shares it, an edited file or a changed setting misses, and stale entries are simply never read again. The file
/// holds a header (magic, both hashes, the settings text, the value count), the float32 values and a SHA-256 of all
/// of it; an entry that fails any check is counted in <see cref="Rejected"/> and recomputed. Writes are atomic and
/// every method is safe to call from many threads (two threads computing the same entry both write the same bytes).
/// </remarks>
public sealed class FeatureCache
{
    private static readonly byte[] Magic = "MCFEAT01"u8.ToArray();
    private const int HashBytes = 32;
    private const int MaxSettingsBytes = 1 << 16;
    private const long MaxEntryBytes = 1L << 31;

    private readonly ConcurrentDictionary<string, (long Length, DateTime Modified, byte[] Hash)> _hashes = new(StringComparer.Ordinal);
    private long _hits, _misses, _rejected;

    /// <summary>A cache in <paramref name="folder"/> (created when the first entry is written).</summary>
    public FeatureCache(string folder) => Folder = Path.GetFullPath(folder);

    /// <summary>Where the entries are kept.</summary>
    public string Folder { get; }

    /// <summary>Lookups answered from disk.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that had to compute (no entry, or a rejected one).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Entries found but unreadable, truncated, tampered with or for other settings; each was recomputed.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>The cached values for <paramref name="file"/> under <paramref name="settingsKey"/>, computing and storing them on a miss.</summary>
    public float[] GetOrCompute(string file, string settingsKey, Func<float[]> compute)
    {
        if (TryGet(file, settingsKey, out var cached)) return cached;
        Interlocked.Increment(ref _misses);
        var values = compute() ?? throw new InvalidOperationException("the feature computation returned null");
        Store(file, settingsKey, values);
        return values;
    }

    /// <summary>Reads an entry if a valid one exists (counts a hit); never computes.</summary>
    public bool TryGet(string file, string settingsKey, out float[] values)
    {
        values = [];
        string path = EntryPath(file, settingsKey, out byte[] content, out byte[] settings);
        if (!File.Exists(path)) return false;
        if (TryRead(path, content, settingsKey, settings, out values)) { Interlocked.Increment(ref _hits); return true; }
        Interlocked.Increment(ref _rejected);
        return false;
    }

    /// <summary>Writes (or replaces) the entry for <paramref name="file"/> and <paramref name="settingsKey"/>.</summary>
    public void Store(string file, string settingsKey, ReadOnlySpan<float> values)
    {
        string path = EntryPath(file, settingsKey, out byte[] content, out byte[] settings);
        byte[] settingsText = Encoding.UTF8.GetBytes(settingsKey);
        if (settingsText.Length > MaxSettingsBytes) throw new ArgumentException($"the settings key is {settingsText.Length} bytes; at most {MaxSettingsBytes} are stored");
        int header = Magic.Length + 2 * HashBytes + 4 + settingsText.Length + 8;
        var bytes = new byte[checked(header + values.Length * 4L + HashBytes)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        int p = Magic.Length;
        content.CopyTo(span[p..]); p += HashBytes;
        settings.CopyTo(span[p..]); p += HashBytes;
        BinaryPrimitives.WriteInt32LittleEndian(span[p..], settingsText.Length); p += 4;
        settingsText.CopyTo(span[p..]); p += settingsText.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[p..], values.Length); p += 8;
        for (int i = 0; i < values.Length; i++, p += 4) BinaryPrimitives.WriteSingleLittleEndian(span[p..], values[i]);
        SHA256.HashData(span[..p], span[p..]);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The SHA-256 of a file's bytes, remembered per (path, length, modification time) for this cache's lifetime.</summary>
    public byte[] ContentHash(string file)
    {
        string full = Path.GetFullPath(file);
        var info = new FileInfo(full);
        if (!info.Exists) throw new FileNotFoundException($"{file}: no such file", file);
        long length = info.Length;
        DateTime modified = info.LastWriteTimeUtc;
        if (_hashes.TryGetValue(full, out var known) && known.Length == length && known.Modified == modified) return known.Hash;
        byte[] hash;
        using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)) hash = SHA256.HashData(stream);
        _hashes[full] = (length, modified, hash);
        return hash;
    }

    private string EntryPath(string file, string settingsKey, out byte[] content, out byte[] settings)
    {
        content = ContentHash(file);
        settings = SHA256.HashData(Encoding.UTF8.GetBytes(settingsKey));
        string c = Convert.ToHexStringLower(content), s = Convert.ToHexStringLower(settings);
        return Path.Combine(Folder, c[..2], $"{c}-{s[..16]}.feat");
    }

    private static bool TryRead(string path, byte[] content, string settingsKey, byte[] settings, out float[] values)
    {
        values = [];
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxEntryBytes) return false;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        var span = bytes.AsSpan();
        int minimum = Magic.Length + 2 * HashBytes + 4 + 8 + HashBytes;
        if (span.Length < minimum || !span.StartsWith(Magic)) return false;
        int body = span.Length - HashBytes;
        Span<byte> check = stackalloc byte[HashBytes];
        SHA256.HashData(span[..body], check);
        if (!check.SequenceEqual(span[body..])) return false;
        int p = Magic.Length;
        if (!span.Slice(p, HashBytes).SequenceEqual(content)) return false;
        p += HashBytes;
        if (!span.Slice(p, HashBytes).SequenceEqual(settings)) return false;
        p += HashBytes;
        int settingsLength = BinaryPrimitives.ReadInt32LittleEndian(span[p..]); p += 4;
        if (settingsLength < 0 || settingsLength > body - p - 8) return false;
        if (Encoding.UTF8.GetString(span.Slice(p, settingsLength)) != settingsKey) return false; // a hash collision, in theory
        p += settingsLength;
        long count = BinaryPrimitives.ReadInt64LittleEndian(span[p..]); p += 8;
        if (count < 0 || count * 4 != body - p) return false;
        values = new float[count];
        for (int i = 0; i < values.Length; i++, p += 4) values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[p..]);
        return true;
    }
}
