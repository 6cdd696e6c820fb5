using System.Runtime.InteropServices;

namespace MusicCluster.Experiments.Store;

/// <summary>Reads records of a <see cref="FeatureStore"/> into one reused buffer, checking each record's checksum; not thread-safe.</summary>
public sealed class StoreReader
{
    private readonly FeatureStore _store;
    private byte[] _buffer = [];

    internal StoreReader(FeatureStore store) => _store = store;

    /// <summary>One record's values, valid until the next read of this reader.</summary>
    public readonly ref struct View(StoreEntry entry, ReadOnlySpan<float> head, ReadOnlySpan<float> patches)
    {
        /// <summary>The record's entry.</summary>
        public StoreEntry Entry { get; } = entry;

        /// <summary>The per-track vector.</summary>
        public ReadOnlySpan<float> Head { get; } = head;

        /// <summary>All patches, row-major.</summary>
        public ReadOnlySpan<float> Patches { get; } = patches;

        /// <summary>Patch <paramref name="i"/>.</summary>
        public ReadOnlySpan<float> Patch(int i) => Patches.Slice(i * Entry.PatchSize, Entry.PatchSize);
    }

    /// <summary>Reads the track with <paramref name="key"/>; throws when it is missing or its bytes fail the checksum.</summary>
    public View Read(TrackKey key)
    {
        if (!_store.TryGetEntry(key, out var entry)) throw new KeyNotFoundException($"{_store.Folder}: track {key} is not in the store");
        return Read(entry);
    }

    /// <summary>Reads the record an entry points to.</summary>
    public View Read(StoreEntry entry)
    {
        long length = entry.Length;
        if (_buffer.Length < length) _buffer = new byte[Math.Max(length, _buffer.Length * 2L)];
        var bytes = _buffer.AsSpan(0, (int)length);
        _store.ReadAt(entry.Shard, entry.Offset, bytes);
        if (!StoreRecord.ChecksumMatches(bytes))
            throw new InvalidDataException($"{_store.ShardPath(entry.Shard)}: the record of track {entry.Key} at byte {entry.Offset} fails its checksum (damaged); `musiccluster store prune` removes it");
        var values = MemoryMarshal.Cast<byte, float>(bytes[StoreRecord.HeaderSize..^StoreRecord.ChecksumSize]);
        return new View(entry, values[..entry.HeadLength], values[entry.HeadLength..]);
    }
}
