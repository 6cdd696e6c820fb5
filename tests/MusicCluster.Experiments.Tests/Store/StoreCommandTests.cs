using MusicCluster.Experiments.Store;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Store;

[Collection("Console")]
public sealed class StoreCommandTests
{
    [Fact]
    public void List_verify_and_prune_report_a_damaged_record_and_leave_a_clean_store()
    {
        using var dir = new TempDir();
        string shard, hash = FeatureStore.HashOf("cli settings");
        StoreEntry victim;
        using (var s = FeatureStore.Open(dir.Path, "cli settings"))
        {
            for (int i = 0; i < 3; i++) s.Write(StoreTestData.Track(i));
            shard = s.ShardPaths[0];
            s.TryGetEntry(StoreTestData.Key(2), out victim);
        }
        var list = CliRunner.Run("store", "list", "--store", dir.Path);
        Assert.Equal(0, list.Code);
        Assert.StartsWith($"{hash}  3 tracks  6 patches", list.Out);
        Assert.Contains("cli settings", list.Out);
        Assert.Equal(0, CliRunner.Run("store", "verify", "--store", dir.Path).Code);

        var bytes = File.ReadAllBytes(shard);
        bytes[victim.Offset + StoreRecord.HeaderSize + 3] ^= 1;
        File.WriteAllBytes(shard, bytes);
        var verify = CliRunner.Run("store", "verify", "--store", dir.Path);
        Assert.Equal(1, verify.Code);
        Assert.Contains($"at byte {victim.Offset}: track {victim.Key}: checksum mismatch", verify.Out);

        var prune = CliRunner.Run("store", "prune", "--store", dir.Path);
        Assert.Equal(0, prune.Code);
        Assert.Contains("removed 0 settings folder(s) and 1 record(s), kept 2", prune.Out);
        Assert.Equal(0, CliRunner.Run("store", "verify", "--store", dir.Path).Code);
    }

    [Fact]
    public void A_missing_store_or_unknown_settings_hash_is_one_line_and_exit_code_2()
    {
        using var dir = new TempDir();
        var missing = CliRunner.Run("store", "list", "--store", dir.File("nothing"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("no such feature-store folder", missing.Err);
        using (var s = FeatureStore.Open(dir.Path, "x")) s.Write(StoreTestData.Track(0));
        var unknown = CliRunner.Run("store", "verify", "--store", dir.Path, "--settings", "ffffffffffffffff");
        Assert.Equal(2, unknown.Code);
        Assert.Contains($"--settings ffffffffffffffff: no such settings folder in {dir.Path} (it has: {FeatureStore.HashOf("x")})", unknown.Err);
    }
}
