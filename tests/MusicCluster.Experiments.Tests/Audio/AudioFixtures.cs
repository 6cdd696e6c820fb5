using MusicCluster.Experiments.Audio;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>The compressed-audio fixtures written by tests/reference/audio_codecs.py.</summary>
internal static class AudioFixtures
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "fixtures", "audio");

    public static string File(string name) => Path.Combine(Dir, name);

    public static IEnumerable<string> Names(string extension) =>
        Directory.EnumerateFiles(Dir, "*" + extension).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    /// <summary>Decodes to mono at the native rate with the given decoder choice (no resampling).</summary>
    public static (float[] Samples, int Rate) Native(string path, DecoderChoice choice, double? offset = null, double? duration = null) =>
        AudioDecoder.DecodeNative(path, offset, duration, _ => { }, new FfmpegDecoder(), choice);

    /// <summary>A copy of a fixture with <paramref name="edit"/> applied, in <paramref name="dir"/>.</summary>
    public static string Damaged(TempDir dir, string name, Func<byte[], byte[]> edit, string? newName = null) =>
        dir.Write(newName ?? name, edit(System.IO.File.ReadAllBytes(File(name))));
}
