using System.Text.Json;
using MusicCluster.Experiments.Tests.Cli;

namespace MusicCluster.Experiments.Tests.Bench;

[Collection("Console")]
public class BenchDecodeCommandTests
{
    [Fact]
    public void Prints_one_json_line_per_format_with_both_sides_timed_on_the_same_audio()
    {
        var (code, output, error) = CliRunner.Run("bench", "decode", "--seconds", "2", "--repeat", "1", "--formats", "flac,opus");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        string[] formats = ["FLAC", "Ogg Opus"];
        for (int i = 0; i < 2; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var j = doc.RootElement;
            Assert.Equal("decode", j.GetProperty("bench").GetString());
            Assert.Equal(formats[i], j.GetProperty("format").GetString());
            Assert.InRange(j.GetProperty("audio_seconds").GetDouble(), 1.98, 2.02);
            double managed = j.GetProperty("managed_s").GetDouble(), ffmpeg = j.GetProperty("ffmpeg_s").GetDouble();
            Assert.True(managed > 0 && ffmpeg > 0 && j.GetProperty("ffmpeg_null_s").GetDouble() > 0);
            Assert.Equal(ffmpeg / managed, j.GetProperty("ffmpeg_over_managed").GetDouble(), 0.01 + 0.05 * ffmpeg / managed);  // both times are rounded to 0.1 ms
            Assert.False(string.IsNullOrEmpty(j.GetProperty("cpu").GetString()));
        }
    }

    [Fact]
    public void An_unknown_format_is_a_one_line_error()
    {
        var (code, _, error) = CliRunner.Run("bench", "decode", "--formats", "flac,aac");
        Assert.Equal(2, code);
        Assert.Equal("error: --formats: unknown format 'aac' (expected flac, mp3, vorbis or opus)", error.Trim());
    }
}
