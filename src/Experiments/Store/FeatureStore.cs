using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace MusicCluster.Experiments.Store;

// API in brief (for code that builds on the store, e.g. distributed extraction):
//   using var store = FeatureStore.Open(root, settingsKey);      // create or reopen root/<SettingsHash(settingsKey)>/
//   using var store = FeatureStore.OpenExisting(root, hash);     // read-only, by the 16-digit settings hash
//   store.Contains(key) / store.TryGetEntry(key, out entry)      // key = TrackKey.OfFile(path): SHA-256 of the file
//   store.Write(track) -> bool                                   // idempotent: false (and nothing written) when the key is in
//   store.Read(key) -> StoredTrack; store.CreateReader()         // allocation-free reads for streaming (StoreReader)
//   store.Refresh()                                              // pick up records other processes appended since opening
//   store.Entries / store.Count / store.ContentDigest()          // the digest is independent of shard layout and write order
// Each process appends to shards of its own, so any number of writers (threads, processes, machines on a shared folder)
// may fill one store at once; a record written twice by two writers is read once (the first shard by name wins).

/// <summary>
/// An on-disk store of per-track extraction results for one feature setting: append-only shards of checksummed records,
/// indexed in memory by content hash when opened. A killed writer loses at most the record it was writing.
/// </summary>
/// <remarks>
/// Layout: <c>ROOT/HASH/settings.txt</c> (the full settings text, checked on open) and <c>ROOT/HASH/*.mcs</c> shards of
/// <see cref="StoreRecord"/>s. Records are flushed to the operating system one by one and shards are fsynced when closed,
/// so a kill (even SIGKILL) leaves every finished track readable; the torn tail of an interrupted record is ignored by
/// readers and removed by prune. Memory: the index (~90 bytes a track), never the patches.
/// </remarks>
public sealed class FeatureStore : IDisposable
{
    /// <summary>Extension of shard files.</summary>
    public const string ShardExtension = ".mcs";

    /// <summary>File holding the settings text in every settings folder.</summary>
    public const string SettingsFile = "settings.txt";

    /// <summary>A writer starts a new shard beyond this size, so shards stay small enough to rewrite and shuffle.</summary>
    public const long ShardBytes = 256L << 20;

    private readonly object _gate = new();
    private readonly Dictionary<TrackKey, StoreEntry> _index = [];
    private readonly List<Shard> _shards = [];
    private readonly bool _writable;
    private FileStream? _writer;
    private int _writerShard = -1;
    private byte[] _writeBuffer = [];
    private long _duplicates;

    private FeatureStore(string folder, string settingsKey, string settingsHash, bool writable)
    {
        Folder = folder;
        SettingsKey = settingsKey;
        SettingsHash = settingsHash;
        _writable = writable;
        Refresh();
    }

    /// <summary>The settings folder (<c>ROOT/HASH</c>).</summary>
    public string Folder { get; }

    /// <summary>The settings text every record was extracted with.</summary>
    public string SettingsKey { get; }

    /// <summary>The first 16 hexadecimal digits of the SHA-256 of <see cref="SettingsKey"/>: the folder name.</summary>
    public string SettingsHash { get; }

    /// <summary>Distinct tracks in the store.</summary>
    public int Count { get { lock (_gate) return _index.Count; } }

    /// <summary>Records found for a track that was already indexed (two writers did the same track); prune removes them.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Bytes after the last complete record of each shard (an interrupted write), summed; prune removes them.</summary>
    public long TornBytes { get { lock (_gate) return _shards.Where(s => s.Index != _writerShard).Sum(s => s.Length - s.ScannedTo); } }

    /// <summary>The shard files, in name order (the order in which duplicates are resolved).</summary>
    public IReadOnlyList<string> ShardPaths { get { lock (_gate) return _shards.Select(s => s.Path).ToArray(); } }

    /// <summary>A snapshot of every track's entry (unordered).</summary>
    public IReadOnlyList<StoreEntry> Entries { get { lock (_gate) return _index.Values.ToArray(); } }

    /// <summary>The settings hash of a settings text (the name of its folder under the store root).</summary>
    public static string HashOf(string settingsKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settingsKey)))[..16];

    /// <summary>Opens (creating it when missing) the store for <paramref name="settingsKey"/> under <paramref name="root"/>, for reading and writing.</summary>
    public static FeatureStore Open(string root, string settingsKey)
    {
        string hash = HashOf(settingsKey);
        string folder = Path.Combine(Path.GetFullPath(root), hash);
        string settingsPath = Path.Combine(folder, SettingsFile);
        if (File.Exists(root)) throw new IOException($"{root}: is a file, not a feature-store folder");
        Directory.CreateDirectory(folder);
        if (!File.Exists(settingsPath)) Data.AtomicFile.WriteAllText(settingsPath, settingsKey);
        string stored = File.ReadAllText(settingsPath);
        if (stored != settingsKey) throw new InvalidDataException($"{settingsPath}: holds other settings than its folder name says ({hash}); the store is damaged or a hash collided");
        return new FeatureStore(folder, settingsKey, hash, writable: true);
    }

    /// <summary>Opens the existing store with settings hash <paramref name="settingsHash"/> under <paramref name="root"/>, read-only.</summary>
    public static FeatureStore OpenExisting(string root, string settingsHash)
    {
        string folder = Path.Combine(Path.GetFullPath(root), settingsHash);
        string settingsPath = Path.Combine(folder, SettingsFile);
        if (!File.Exists(settingsPath)) throw new FileNotFoundException($"{folder}: no feature store with settings {settingsHash} (no {SettingsFile})", settingsPath);
        string key = File.ReadAllText(settingsPath);
        if (HashOf(key) != settingsHash) throw new InvalidDataException($"{settingsPath}: its settings hash to {HashOf(key)}, not to the folder name {settingsHash}");
        return new FeatureStore(folder, key, settingsHash, writable: false);
    }

    /// <summary>Whether the track is stored.</summary>
    public bool Contains(TrackKey key) { lock (_gate) return _index.ContainsKey(key); }

    /// <summary>The entry of a stored track.</summary>
    public bool TryGetEntry(TrackKey key, out StoreEntry entry) { lock (_gate) return _index.TryGetValue(key, out entry); }

    /// <summary>Appends one track unless its key is already stored; returns whether it wrote. Safe from many threads.</summary>
    public bool Write(StoredTrack track)
    {
        track.Validate();
        return Write(track.Key, track.Head, track.PatchCount, track.PatchSize, track.Patches);
    }

    /// <summary>Appends one track from spans (no copy of the values); returns false, writing nothing, when the key is already stored.</summary>
    public bool Write(TrackKey key, ReadOnlySpan<float> head, int patchCount, int patchSize, ReadOnlySpan<float> patches)
    {
        if (!_writable) throw new InvalidOperationException($"{Folder}: opened read-only");
        if (patchCount < 0 || patchSize < 0 || patches.Length != (long)patchCount * patchSize)
            throw new ArgumentException($"{patchCount} patches of {patchSize} values need {(long)patchCount * patchSize} values, got {patches.Length}");
        long length = StoreRecord.Length(head.Length, patchCount, patchSize);
        if (head.Length + (long)patchCount * patchSize > StoreRecord.MaxValues) throw new ArgumentException($"a record holds at most {StoreRecord.MaxValues} values");
        lock (_gate)
        {
            if (_index.ContainsKey(key)) return false;
            if (_writeBuffer.Length < length) _writeBuffer = new byte[Math.Max(length, _writeBuffer.Length * 2L)];
            var bytes = _writeBuffer.AsSpan(0, (int)length);
            StoreRecord.Encode(key, head, patchCount, patchSize, patches, bytes);
            var shard = WriterShard(length);
            long offset = shard.Length;
            _writer!.Write(bytes);
            _writer.Flush();
            shard.Length = shard.ScannedTo = offset + length;
            var header = StoreRecord.ReadHeader(bytes)!.Value;
            _index[key] = new StoreEntry(key, shard.Index, offset, head.Length, patchCount, patchSize, header.PatchSum, header.PatchSumSquares);
            return true;
        }
    }

    /// <summary>Reads one stored track (allocates its arrays; streaming code uses <see cref="CreateReader"/>).</summary>
    public StoredTrack Read(TrackKey key)
    {
        var reader = CreateReader();
        var view = reader.Read(key);
        return new StoredTrack(key, view.Head.ToArray(), view.Entry.PatchCount, view.Entry.PatchSize, view.Patches.ToArray());
    }

    /// <summary>A reader with its own buffer: reads records without allocating (one reader per thread).</summary>
    public StoreReader CreateReader() => new(this);

    /// <summary>Indexes records appended since the last scan (by this or any other process), including new shards.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var known = _shards.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
            var fresh = Directory.EnumerateFiles(Folder, "*" + ShardExtension).Where(p => !known.Contains(p)).Order(StringComparer.Ordinal);
            foreach (string path in fresh)
                _shards.Add(new Shard(_shards.Count, path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)));
            foreach (var shard in _shards) if (shard.Index != _writerShard) Scan(shard);
        }
    }

    /// <summary>SHA-256 over every (key, record checksum) in key order: equal for two stores exactly when they hold the same records.</summary>
    public string ContentDigest()
    {
        var entries = Entries.ToArray();
        Array.Sort(entries, (x, y) => x.Key.CompareTo(y.Key));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[TrackKey.Size + StoreRecord.ChecksumSize];
        foreach (var e in entries)
        {
            e.Key.WriteTo(buffer);
            ReadAt(e.Shard, e.Offset + e.Length - StoreRecord.ChecksumSize, buffer[TrackKey.Size..]);
            hash.AppendData(buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Fsyncs and closes the shard being written and releases every file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            CloseWriter();
            foreach (var s in _shards) s.Handle.Dispose();
        }
    }

    /// <summary>Reads <paramref name="destination"/>.Length bytes of shard <paramref name="shard"/> at <paramref name="offset"/>; throws when the file is shorter.</summary>
    internal void ReadAt(int shard, long offset, Span<byte> destination)
    {
        SafeFileHandle handle;
        string path;
        lock (_gate) { handle = _shards[shard].Handle; path = _shards[shard].Path; }
        int got = 0;
        while (got < destination.Length)
        {
            int n = RandomAccess.Read(handle, destination[got..], offset + got);
            if (n == 0) throw new InvalidDataException($"{path}: ends inside the record at byte {offset}; run `musiccluster store verify`");
            got += n;
        }
    }

    /// <summary>The path of shard <paramref name="shard"/>.</summary>
    internal string ShardPath(int shard) { lock (_gate) return _shards[shard].Path; }

    private Shard WriterShard(long recordLength)
    {
        if (_writer is not null && _shards[_writerShard].Length + recordLength <= ShardBytes) return _shards[_writerShard];
        CloseWriter();
        // Name order is creation order (time first), and the random part keeps concurrent writers apart.
        string name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40] + ShardExtension;
        string path = Path.Combine(Folder, name);
        _writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        var shard = new Shard(_shards.Count, path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        _shards.Add(shard);
        _writerShard = shard.Index;
        return shard;
    }

    private void CloseWriter()
    {
        if (_writer is null) return;
        _writer.Flush(flushToDisk: true);
        _writer.Dispose();
        _writer = null;
        _writerShard = -1;
    }

    // Walks record headers from where the last scan stopped; a record is indexed only once all its bytes are in the file.
    private void Scan(Shard shard)
    {
        shard.Length = RandomAccess.GetLength(shard.Handle);
        Span<byte> header = stackalloc byte[StoreRecord.HeaderSize];
        while (shard.Length - shard.ScannedTo >= StoreRecord.HeaderSize)
        {
            if (RandomAccess.Read(shard.Handle, header, shard.ScannedTo) < header.Length) break;
            if (StoreRecord.ReadHeader(header) is not { } h || shard.ScannedTo + h.Length > shard.Length) break;
            var entry = new StoreEntry(h.Key, shard.Index, shard.ScannedTo, h.HeadLength, h.PatchCount, h.PatchSize, h.PatchSum, h.PatchSumSquares);
            if (!_index.TryAdd(h.Key, entry)) _duplicates++;
            shard.ScannedTo += h.Length;
        }
    }

    private sealed class Shard(int index, string path, SafeFileHandle handle)
    {
        public int Index { get; } = index;
        public string Path { get; } = path;
        public SafeFileHandle Handle { get; } = handle;
        public long Length { get; set; }
        public long ScannedTo { get; set; }
    }
}
