using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Store;

public sealed class FeatureStoreTests
{
    private const string Settings = "test-settings;a=1";

    [Fact]
    public void A_written_track_reads_back_bit_for_bit_after_reopening()
    {
        using var dir = new TempDir();
        using (var store = FeatureStore.Open(dir.Path, Settings))
            for (int i = 0; i < 5; i++) Assert.True(store.Write(StoreTestData.Track(i)));
        using var again = FeatureStore.OpenExisting(dir.Path, FeatureStore.HashOf(Settings));
        Assert.Equal(5, again.Count);
        Assert.Equal(Settings, again.SettingsKey);
        for (int i = 0; i < 5; i++)
        {
            var expected = StoreTestData.Track(i);
            var got = again.Read(expected.Key);
            Assert.Equal(expected.PatchCount, got.PatchCount);
            Assert.Equal(expected.Head, got.Head);
            Assert.Equal(expected.Patches, got.Patches);
            Assert.True(again.TryGetEntry(expected.Key, out var e));
            double sum = 0;
            foreach (float v in expected.Patches) sum += v;
            Assert.Equal(sum, e.PatchSum);
        }
    }

    [Fact]
    public void Writing_the_same_track_twice_stores_it_once()
    {
        using var dir = new TempDir();
        using var store = FeatureStore.Open(dir.Path, Settings);
        Assert.True(store.Write(StoreTestData.Track(3)));
        long size = new FileInfo(store.ShardPaths[0]).Length;
        Assert.False(store.Write(StoreTestData.Track(3)));
        Assert.Equal(1, store.Count);
        Assert.Equal(size, new FileInfo(store.ShardPaths[0]).Length);
    }

    [Fact]
    public void Two_writers_on_one_store_see_each_other_after_refresh_and_a_track_both_wrote_is_read_once()
    {
        using var dir = new TempDir();
        using var a = FeatureStore.Open(dir.Path, Settings);
        using var b = FeatureStore.Open(dir.Path, Settings);
        a.Write(StoreTestData.Track(1));
        b.Write(StoreTestData.Track(1));
        b.Write(StoreTestData.Track(2));
        a.Refresh();
        Assert.Equal(2, a.Count);
        Assert.Equal(1, a.Duplicates);
        Assert.Equal(StoreTestData.Track(2).Patches, a.Read(StoreTestData.Key(2)).Patches);
        Assert.False(a.Write(StoreTestData.Track(2)));
    }

    [Fact]
    public void The_content_digest_does_not_depend_on_write_order_or_shards_and_changes_with_any_value()
    {
        using var dir = new TempDir();
        string d1, d2, d3;
        using (var s = FeatureStore.Open(dir.File("one"), Settings)) { for (int i = 0; i < 6; i++) s.Write(StoreTestData.Track(i)); d1 = s.ContentDigest(); }
        using (var s = FeatureStore.Open(dir.File("two"), Settings)) for (int i = 5; i >= 3; i--) s.Write(StoreTestData.Track(i));
        using (var s = FeatureStore.Open(dir.File("two"), Settings)) { for (int i = 0; i < 3; i++) s.Write(StoreTestData.Track(i)); d2 = s.ContentDigest(); }
        Assert.Equal(d1, d2);
        using (var s = FeatureStore.Open(dir.File("three"), Settings))
        {
            for (int i = 0; i < 5; i++) s.Write(StoreTestData.Track(i));
            var t = StoreTestData.Track(5);
            t.Patches[^1] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(t.Patches[^1]) ^ 1);
            s.Write(t);
            d3 = s.ContentDigest();
        }
        Assert.NotEqual(d1, d3);
    }

    [Fact]
    public void A_torn_last_record_is_ignored_reported_by_verify_and_removed_by_prune()
    {
        using var dir = new TempDir();
        string shard;
        using (var s = FeatureStore.Open(dir.Path, Settings)) { for (int i = 0; i < 4; i++) s.Write(StoreTestData.Track(i)); shard = s.ShardPaths[0]; }
        long full = new FileInfo(shard).Length;
        using (var f = new FileStream(shard, FileMode.Open)) f.SetLength(full - 20); // a write cut off by a kill
        string hash = FeatureStore.HashOf(Settings);
        using (var s = FeatureStore.OpenExisting(dir.Path, hash))
        {
            Assert.Equal(3, s.Count);
            Assert.False(s.Contains(StoreTestData.Key(3)));
            Assert.True(s.TornBytes > 0);
        }
        var v = StoreMaintenance.Verify(dir.Path, hash);
        Assert.False(v.Clean);
        Assert.Equal(3, v.Records);
        var p = StoreMaintenance.Prune(dir.Path);
        Assert.Equal(3, p.RecordsKept);
        Assert.True(StoreMaintenance.Verify(dir.Path, hash).Clean);
        using (var s = FeatureStore.Open(dir.Path, Settings))
        {
            Assert.True(s.Write(StoreTestData.Track(3)));
            Assert.Equal(4, s.Count);
        }
        Assert.True(StoreMaintenance.Verify(dir.Path, hash).Clean);
    }

    [Fact]
    public void A_flipped_byte_fails_the_read_and_verify_and_prune_drops_that_record_only()
    {
        using var dir = new TempDir();
        string shard;
        StoreEntry victim;
        using (var s = FeatureStore.Open(dir.Path, Settings))
        {
            for (int i = 0; i < 4; i++) s.Write(StoreTestData.Track(i));
            shard = s.ShardPaths[0];
            Assert.True(s.TryGetEntry(StoreTestData.Key(1), out victim));
        }
        var bytes = File.ReadAllBytes(shard);
        bytes[victim.Offset + 100] ^= 0x10;
        File.WriteAllBytes(shard, bytes);
        string hash = FeatureStore.HashOf(Settings);
        using (var s = FeatureStore.OpenExisting(dir.Path, hash))
        {
            var e = Assert.Throws<InvalidDataException>(() => s.Read(StoreTestData.Key(1)));
            Assert.Contains("fails its checksum", e.Message);
            Assert.Equal(StoreTestData.Track(2).Patches, s.Read(StoreTestData.Key(2)).Patches);
        }
        var v = StoreMaintenance.Verify(dir.Path, hash);
        Assert.Single(v.Damaged);
        Assert.Equal(victim.Offset, v.Damaged[0].Offset);
        var p = StoreMaintenance.Prune(dir.Path);
        Assert.Equal(1, p.RecordsDropped);
        using var after = FeatureStore.OpenExisting(dir.Path, hash);
        Assert.Equal(3, after.Count);
        Assert.False(after.Contains(StoreTestData.Key(1)));
    }

    [Fact]
    public void Prune_removes_other_settings_and_tracks_not_kept()
    {
        using var dir = new TempDir();
        using (var s = FeatureStore.Open(dir.Path, Settings)) for (int i = 0; i < 4; i++) s.Write(StoreTestData.Track(i));
        using (var s = FeatureStore.Open(dir.Path, "other settings")) s.Write(StoreTestData.Track(9));
        Assert.Equal(2, StoreMaintenance.List(dir.Path).Count);
        string hash = FeatureStore.HashOf(Settings);
        var p = StoreMaintenance.Prune(dir.Path, [hash], new HashSet<TrackKey> { StoreTestData.Key(0), StoreTestData.Key(2) });
        Assert.Equal(1, p.SettingsFoldersRemoved);
        Assert.Equal(2, p.RecordsDropped);
        var list = Assert.Single(StoreMaintenance.List(dir.Path));
        Assert.Equal(hash, list.SettingsHash);
        Assert.Equal(2, list.Tracks);
    }

    [Fact]
    public void Opening_with_other_settings_in_the_folder_or_a_missing_store_is_a_clear_error()
    {
        using var dir = new TempDir();
        using (FeatureStore.Open(dir.Path, Settings)) { }
        string hash = FeatureStore.HashOf(Settings);
        File.WriteAllText(Path.Combine(dir.Path, hash, FeatureStore.SettingsFile), "something else");
        var e = Assert.Throws<InvalidDataException>(() => FeatureStore.Open(dir.Path, Settings));
        Assert.Contains("holds other settings", e.Message);
        var missing = Assert.Throws<FileNotFoundException>(() => FeatureStore.OpenExisting(dir.Path, "0123456789abcdef"));
        Assert.Contains("no feature store with settings 0123456789abcdef", missing.Message);
    }

    [Fact]
    public void A_header_claiming_a_huge_record_is_not_indexed_or_allocated()
    {
        using var dir = new TempDir();
        string shard;
        using (var s = FeatureStore.Open(dir.Path, Settings)) { s.Write(StoreTestData.Track(0)); s.Write(StoreTestData.Track(1)); shard = s.ShardPaths[0]; }
        var bytes = File.ReadAllBytes(shard);
        long second = StoreRecord.Length(StoreTestData.Head, 1, StoreTestData.PatchSize);
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, second + 44); // patch count
        File.WriteAllBytes(shard, bytes);
        using var again = FeatureStore.OpenExisting(dir.Path, FeatureStore.HashOf(Settings));
        Assert.Equal(1, again.Count);
        Assert.False(StoreMaintenance.Verify(dir.Path, FeatureStore.HashOf(Settings)).Clean);
    }
}
