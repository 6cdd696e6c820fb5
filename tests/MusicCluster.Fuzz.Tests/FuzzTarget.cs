using CsCheck;

namespace MusicCluster.Fuzz.Tests;

/// <summary>One reader under fuzz: valid inputs to mutate, the mutations that suit its format, and how to read a file.</summary>
/// <param name="Name">Short name; also the sub-folder of <c>fuzz-corpus/</c> that holds its regression inputs.</param>
/// <param name="FileName">The name the input is written under (readers that look at extensions or sibling files need the real one).</param>
/// <param name="Seeds">Valid inputs; each case mutates one of them.</param>
/// <param name="Mutations">How to damage an input (see <see cref="Mutators"/>).</param>
/// <param name="Read">Reads the file at the given path; it must return, or throw a user-input error that names the file.</param>
/// <param name="Prepare">Writes whatever the input refers to (audio files a manifest names) into the case folder, once.</param>
public sealed record FuzzTarget(string Name, string FileName, Func<IReadOnlyList<byte[]>> Seeds, Gen<Mutation> Mutations, Action<string> Read,
    Action<string>? Prepare = null)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
