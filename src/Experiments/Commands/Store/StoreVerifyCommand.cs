using System.CommandLine;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Commands.Store;

/// <summary><c>musiccluster store verify --store ROOT [--settings HASH]</c>: checks every record's checksum; exit code 1 when anything is damaged.</summary>
public sealed class StoreVerifyCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "store";

    /// <inheritdoc />
    public Command Create()
    {
        var root = new Option<string>("--store") { Description = "Feature-store folder", Required = true };
        var settings = new Option<string?>("--settings") { Description = "Only this settings hash (default: all)" };
        var command = new Command("verify", "Read every record of a feature store and check its SHA-256; lists damaged records and torn shard tails (exit code 1 if any).");
        command.Options.Add(root);
        command.Options.Add(settings);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string dir = r.GetValue(root)!;
            bool clean = true;
            foreach (string hash in StoreCommands.Hashes(dir, r.GetValue(settings)))
            {
                var v = StoreMaintenance.Verify(dir, hash);
                Console.Out.WriteLine($"{hash}: {v.Records} record(s) verified, {v.Duplicates} duplicate(s), {v.Damaged.Count} problem(s)");
                foreach (var d in v.Damaged) Console.Out.WriteLine($"  {d.Shard} at byte {d.Offset}: {d.Problem}");
                clean &= v.Clean;
            }
            if (!clean) Console.Out.WriteLine("`musiccluster store prune` removes damaged records and torn tails (the tracks are extracted again when next needed)");
            return clean ? 0 : 1;
        }));
        return command;
    }
}
