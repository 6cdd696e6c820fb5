using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Commands.Store;

/// <summary><c>musiccluster store prune --store ROOT [--keep HASH]… [--data DIR]</c>: removes what no run will read again.</summary>
public sealed class StorePruneCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "store";

    /// <inheritdoc />
    public Command Create()
    {
        var root = new Option<string>("--store") { Description = "Feature-store folder", Required = true };
        var keep = new Option<string[]>("--keep") { Description = "Keep only these settings hashes (repeatable; default: keep every setting)" };
        var data = new Option<string?>("--data") { Description = "Keep only tracks whose audio is in this dataset or folder" };
        var command = new Command("prune", "Remove damaged and duplicate records and torn shard tails; with --keep, other feature settings; with --data, tracks not in that data. Do not run it while an extraction writes to the store.");
        foreach (var o in new Option[] { root, keep, data }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string dir = r.GetValue(root)!;
            var hashes = StoreCommands.Hashes(dir, null);
            string[]? keepHashes = r.GetValue(keep) is { Length: > 0 } k ? k : null;
            foreach (string h in keepHashes ?? [])
                if (!hashes.Contains(h)) throw new UserInputException($"--keep {h}: no such settings folder in {dir} (it has: {string.Join(", ", hashes)})");
            HashSet<TrackKey>? tracks = null;
            if (r.GetValue(data) is { } d)
            {
                tracks = [];
                foreach (var t in EncodeCommand.Tracks(d))
                    if (File.Exists(t.FullPath)) tracks.Add(TrackKey.OfFile(t.FullPath));
            }
            var p = StoreMaintenance.Prune(dir, keepHashes, tracks);
            Console.Out.WriteLine($"{dir}: removed {p.SettingsFoldersRemoved} settings folder(s) and {p.RecordsDropped} record(s), kept {p.RecordsKept}, freed {StoreCommands.Megabytes(p.BytesFreed)}");
        }));
        return command;
    }
}
