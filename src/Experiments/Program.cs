using System.CommandLine;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments;

/// <summary>The <c>musiccluster</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point: builds the command tree and runs it; every error ends as one line and exit code 2 (user) or 1 (bug).</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "node") Commands.NodeCommand.PrepareProcess();
        return CommandLine.Execute(args);
    }

    /// <summary>Builds the root command from every <see cref="ICommandFactory"/> in this assembly.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("MusicCluster: cluster a music collection from its audio, lyrics and metadata.");
        var factories = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ICommandFactory).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ICommandFactory)Activator.CreateInstance(t)!)
            .ToList();
        var parents = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var f in factories.Where(f => f.Parent is null))
        {
            var c = f.Create();
            parents[c.Name] = c;
            root.Subcommands.Add(c);
        }
        foreach (var f in factories.Where(f => f.Parent is not null))
        {
            if (!parents.TryGetValue(f.Parent!, out var parent))
            {
                parent = new Command(f.Parent!, $"{f.Parent} commands");
                parents[f.Parent!] = parent;
                root.Subcommands.Add(parent);
            }
            parent.Subcommands.Add(f.Create());
        }
        return root;
    }
}
