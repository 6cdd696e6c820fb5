using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>A small dataset in every format with a managed decoder: demo-corpus tracks, each kept as WAV or encoded by
/// ffmpeg at test time to FLAC, MP3, Ogg Vorbis or Ogg Opus (round-robin), with tracks.csv naming the new files.</summary>
internal static class MixedCorpus
{
    /// <summary>The format of track i.</summary>
    public static readonly AudioFormat[] Formats = [AudioFormat.Wav, .. FfmpegEncoder.Compressed];

    /// <summary>Writes the dataset into <paramref name="folder"/> and returns its manifest.</summary>
    public static Manifest Write(string folder, int tracks = 10, double seconds = 3)
    {
        var wav = DemoCorpus.Write(folder, new CorpusOptions { Tracks = tracks, Seconds = seconds, Seed = 17 });
        var rows = new List<ManifestWriter.Row>();
        for (int i = 0; i < wav.Tracks.Count; i++)
        {
            var t = wav.Tracks[i];
            var format = Formats[i % Formats.Length];
            string file = t.File;
            if (format != AudioFormat.Wav)
            {
                file = Path.ChangeExtension(t.File, FfmpegEncoder.Extension(format));
                FfmpegEncoder.Encode(t.FullPath, Path.Combine(folder, file), format);
                File.Delete(t.FullPath);
            }
            rows.Add(new ManifestWriter.Row(t.Id, file, t.Language, t.Genre, t.Lyrics, [.. DemoCorpus.MetadataColumns.Select(c => t.Metadata[c])]));
        }
        ManifestWriter.Write(Path.Combine(folder, Manifest.FileName), rows, [.. DemoCorpus.MetadataColumns]);
        return Manifest.Load(folder);
    }
}
