using System.CommandLine;

namespace MusicCluster.Experiments.Cli;

/// <summary>Builds one sub-command of <c>musiccluster</c>; every implementation is discovered at start-up.</summary>
/// <remarks>Discovery keeps each command in its own file: adding a command never edits Program.cs.</remarks>
public interface ICommandFactory
{
    /// <summary>The parent command's name (for example <c>"bench"</c>), or null for a top-level command.</summary>
    string? Parent => null;

    /// <summary>Creates the command with its options and action.</summary>
    Command Create();
}
