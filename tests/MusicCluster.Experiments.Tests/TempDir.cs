namespace MusicCluster.Experiments.Tests;

/// <summary>A fresh scratch folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mc-{Guid.NewGuid():N}");

    /// <summary>The path of <paramref name="relative"/> inside the folder (nothing is written).</summary>
    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes bytes to <paramref name="relative"/> (creating sub-folders) and returns its path.</summary>
    public string Write(string relative, byte[] bytes)
    {
        string p = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    /// <summary>Writes text to <paramref name="relative"/> (creating sub-folders) and returns its path.</summary>
    public string Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A small placeholder file (for manifest checks that only need the file to exist).</summary>
    public string Touch(string relative, string content = "RIFF") => Write(relative, content);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
