namespace MusicCluster.Experiments.Store;

/// <summary>One settings folder of a store root, as <c>store list</c> shows it.</summary>
public sealed record StoreSummary(string SettingsHash, string SettingsKey, int Tracks, long Patches, long Bytes, int Shards, long Duplicates, long TornBytes);

/// <summary>A record that failed verification.</summary>
public sealed record DamagedRecord(string Shard, long Offset, string Problem);

/// <summary>What <c>store verify</c> found in one settings folder.</summary>
public sealed record StoreVerification(string SettingsHash, long Records, long Duplicates, IReadOnlyList<DamagedRecord> Damaged, long TornBytes)
{
    /// <summary>True when every record's checksum matched and no shard has a torn or unreadable tail.</summary>
    public bool Clean => Damaged.Count == 0 && TornBytes == 0;
}

/// <summary>What <c>store prune</c> removed.</summary>
public sealed record PruneResult(int SettingsFoldersRemoved, long RecordsKept, long RecordsDropped, long BytesFreed);

/// <summary>List, verify and prune a store root (every settings folder under it). Verify and prune read shards record by record: memory is one record.</summary>
/// <remarks>Prune rewrites shards, so it must not run while an extraction writes to the same store.</remarks>
public static class StoreMaintenance
{
    /// <summary>The settings hashes under <paramref name="root"/> (folders holding a settings file), sorted.</summary>
    public static IReadOnlyList<string> SettingsHashes(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root}: no such feature-store folder");
        return Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, FeatureStore.SettingsFile)))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>One summary per settings folder under <paramref name="root"/>.</summary>
    public static IReadOnlyList<StoreSummary> List(string root)
    {
        var result = new List<StoreSummary>();
        foreach (string hash in SettingsHashes(root))
        {
            using var store = FeatureStore.OpenExisting(root, hash);
            long patches = 0, bytes = 0;
            foreach (var e in store.Entries) patches += e.PatchCount;
            foreach (string s in store.ShardPaths) bytes += new FileInfo(s).Length;
            result.Add(new StoreSummary(hash, store.SettingsKey, store.Count, patches, bytes, store.ShardPaths.Count, store.Duplicates, store.TornBytes));
        }
        return result;
    }

    /// <summary>Reads every record of every shard of one settings folder and checks its checksum and that the shard ends on a record.</summary>
    public static StoreVerification Verify(string root, string settingsHash)
    {
        using var store = FeatureStore.OpenExisting(root, settingsHash);
        var damaged = new List<DamagedRecord>();
        var seen = new HashSet<TrackKey>();
        long records = 0, duplicates = 0, torn = 0;
        foreach (string shard in store.ShardPaths)
        {
            long end = Walk(shard, (header, bytes, offset) =>
            {
                if (!StoreRecord.ChecksumMatches(bytes)) { damaged.Add(new DamagedRecord(shard, offset, $"track {header.Key}: checksum mismatch")); return; }
                records++;
                if (!seen.Add(header.Key)) duplicates++;
            });
            long length = new FileInfo(shard).Length;
            if (end < length)
            {
                torn += length - end;
                damaged.Add(new DamagedRecord(shard, end, $"{length - end} bytes after the last complete record (an interrupted write, or damage)"));
            }
        }
        return new StoreVerification(settingsHash, records, duplicates, damaged, torn);
    }

    /// <summary>
    /// Removes settings folders not in <paramref name="keepSettings"/> (null keeps all) and, in the kept ones, damaged and
    /// duplicate records, torn tails and, with <paramref name="keepTracks"/>, records of tracks not in it.
    /// </summary>
    public static PruneResult Prune(string root, IReadOnlyCollection<string>? keepSettings = null, IReadOnlySet<TrackKey>? keepTracks = null)
    {
        int removedFolders = 0;
        long kept = 0, dropped = 0, freed = 0;
        foreach (string hash in SettingsHashes(root))
        {
            string folder = Path.Combine(root, hash);
            if (keepSettings is not null && !keepSettings.Contains(hash))
            {
                freed += Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                Directory.Delete(folder, recursive: true);
                removedFolders++;
                continue;
            }
            foreach (string stray in Directory.EnumerateFiles(folder, ".*.tmp")) { freed += new FileInfo(stray).Length; File.Delete(stray); }
            var seen = new HashSet<TrackKey>();
            foreach (string shard in Directory.EnumerateFiles(folder, "*" + FeatureStore.ShardExtension).Order(StringComparer.Ordinal))
            {
                long before = new FileInfo(shard).Length, shardKept = 0, shardDropped = 0;
                string tmp = Path.Combine(folder, $".{Path.GetFileName(shard)}.{Guid.NewGuid():N}.tmp");
                using (var output = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    long end = Walk(shard, (header, bytes, _) =>
                    {
                        bool wanted = StoreRecord.ChecksumMatches(bytes) && (keepTracks is null || keepTracks.Contains(header.Key)) && seen.Add(header.Key);
                        if (!wanted) { shardDropped++; return; }
                        output.Write(bytes);
                        shardKept++;
                    });
                    output.Flush(flushToDisk: true);
                    if (end == before && shardDropped == 0) { output.Dispose(); File.Delete(tmp); kept += shardKept; continue; }
                }
                kept += shardKept;
                dropped += shardDropped;
                long after = new FileInfo(tmp).Length;
                if (shardKept == 0) { File.Delete(tmp); File.Delete(shard); }
                else File.Move(tmp, shard, overwrite: true);
                freed += before - (shardKept == 0 ? 0 : after);
            }
        }
        return new PruneResult(removedFolders, kept, dropped, freed);
    }

    // Calls visit(header, record bytes, offset) for each complete record in order; returns where the walk stopped.
    private static long Walk(string shard, Action<StoreRecord.Header, byte[], long> visit)
    {
        using var stream = new FileStream(shard, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        long length = stream.Length, offset = 0;
        var header = new byte[StoreRecord.HeaderSize];
        byte[] buffer = [];
        while (length - offset >= StoreRecord.HeaderSize)
        {
            stream.Position = offset;
            stream.ReadExactly(header);
            if (StoreRecord.ReadHeader(header) is not { } h || offset + h.Length > length) break;
            if (buffer.Length != h.Length) buffer = new byte[h.Length];
            header.CopyTo(buffer, 0);
            stream.ReadExactly(buffer, StoreRecord.HeaderSize, buffer.Length - StoreRecord.HeaderSize);
            visit(h, buffer, offset);
            offset += h.Length;
        }
        return offset;
    }
}
