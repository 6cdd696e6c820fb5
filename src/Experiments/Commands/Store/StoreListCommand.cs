using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Commands.Store;

/// <summary><c>musiccluster store list --store ROOT</c>: one line per feature setting in the store.</summary>
public sealed class StoreListCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "store";

    /// <inheritdoc />
    public Command Create()
    {
        var root = new Option<string>("--store") { Description = "Feature-store folder", Required = true };
        var command = new Command("list", "List the feature settings in a store: tracks, patches, size, shards and what prune would remove.");
        command.Options.Add(root);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string dir = r.GetValue(root)!;
            StoreCommands.Hashes(dir, null);
            var list = StoreMaintenance.List(dir);
            if (list.Count == 0) Console.Out.WriteLine($"{dir}: empty feature store");
            foreach (var s in list)
            {
                Console.Out.WriteLine($"{s.SettingsHash}  {s.Tracks} tracks  {s.Patches} patches  {StoreCommands.Megabytes(s.Bytes)}  {s.Shards} shard(s)" +
                    (s.Duplicates > 0 ? $"  {s.Duplicates} duplicate(s)" : "") + (s.TornBytes > 0 ? $"  {s.TornBytes} torn byte(s)" : ""));
                Console.Out.WriteLine($"  {s.SettingsKey}");
            }
        }));
        return command;
    }
}
