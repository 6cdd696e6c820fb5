namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>A scratch directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mc-audio-{Guid.NewGuid():N}");
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, byte[] bytes) { var p = File(name); System.IO.File.WriteAllBytes(p, bytes); return p; }
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}
