using System.CommandLine;
using System.Diagnostics;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Corpus;
using MusicCluster.Experiments.Reports;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench decode</c>: the managed decoders against the ffmpeg pipe on the same files, one JSON line per format.</summary>
/// <remarks>The audio is a demo-corpus track (fixed seed) made stereo at 44.1 kHz and encoded by ffmpeg to each format; both sides
/// are timed through <see cref="AudioDecoder.DecodeNative"/> to mono at the native rate, which is what feature extraction uses.</remarks>
public sealed class BenchDecodeCommand : ICommandFactory
{
    private static readonly Dictionary<string, AudioFormat> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["flac"] = AudioFormat.Flac, ["mp3"] = AudioFormat.Mp3, ["vorbis"] = AudioFormat.OggVorbis, ["opus"] = AudioFormat.OggOpus,
    };

    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Length of the test audio in seconds", DefaultValueFactory = _ => 180 };
        var repeat = new Option<int>("--repeat") { Description = "Timed decodes per side and format (the median is reported)", DefaultValueFactory = _ => 3 };
        var formats = new Option<string>("--formats") { Description = "Comma-separated: flac, mp3, vorbis, opus", DefaultValueFactory = _ => "flac,mp3,vorbis,opus" };
        var command = new Command("decode", "Time managed decoding against the ffmpeg pipe per format (FLAC, MP3, Ogg Vorbis, Ogg Opus); one JSON line per format.");
        foreach (var o in new Option[] { seconds, repeat, formats }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() => Run(parse.GetValue(seconds), parse.GetValue(repeat), parse.GetValue(formats)!)));
        return command;
    }

    private static void Run(double seconds, int repeat, string formatList)
    {
        if (!(seconds >= 1 && seconds <= 3600)) throw new UserInputException($"--seconds must be in [1, 3600], got {seconds}.");
        KernelTiming.RequirePositive("--repeat", repeat, 100);
        var formats = formatList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Names.TryGetValue(f, out var x) ? x : throw new UserInputException($"--formats: unknown format '{f}' (expected flac, mp3, vorbis or opus)"))
            .ToArray();
        string work = Directory.CreateTempSubdirectory("musiccluster-bench-decode-").FullName;
        try
        {
            string wav = TestAudio(work, seconds);
            var ffmpeg = new FfmpegDecoder();
            foreach (var format in formats)
            {
                string file = Path.Combine(work, "bench" + FfmpegEncoder.Extension(format));
                FfmpegEncoder.Encode(wav, file, format);
                double managed = Median(file, DecoderChoice.Managed, ffmpeg, repeat, out int samples, out int rate);
                double piped = Median(file, DecoderChoice.Ffmpeg, ffmpeg, repeat, out _, out _);
                double alone = FfmpegAlone(file, repeat);
                double audio = (double)samples / rate;
                KernelTiming.Print(new()
                {
                    ["bench"] = "decode", ["format"] = AudioSniffer.Name(format), ["audio_seconds"] = Math.Round(audio, 3),
                    ["file_bytes"] = new FileInfo(file).Length, ["managed_s"] = Math.Round(managed, 4), ["ffmpeg_s"] = Math.Round(piped, 4),
                    ["managed_x_realtime"] = Math.Round(audio / managed, 1), ["ffmpeg_x_realtime"] = Math.Round(audio / piped, 1),
                    ["ffmpeg_over_managed"] = Math.Round(piped / managed, 2),
                    ["ffmpeg_null_s"] = Math.Round(alone, 4), ["repeat"] = repeat, ["cpu"] = MachineInfo.CpuModel(),
                });
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Stereo 44.1 kHz: the left channel a demo-corpus track, the right the same 7 ms later and quieter, so that stereo
    // decorrelation and joint stereo have real work to do.
    private static string TestAudio(string work, double seconds)
    {
        var corpus = DemoCorpus.Write(Path.Combine(work, "corpus"), new CorpusOptions { Tracks = 1, Seconds = seconds, SampleRate = 44100, Seed = 5 });
        var (mono, rate) = AudioDecoder.DecodeNative(corpus.Tracks[0].FullPath, null, null, _ => { }, new FfmpegDecoder(), DecoderChoice.Managed);
        int delay = rate * 7 / 1000;
        var stereo = new float[2 * mono.Length];
        for (int i = 0; i < mono.Length; i++)
        {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = 0.8f * (i >= delay ? mono[i - delay] : 0f);
        }
        string wav = Path.Combine(work, "bench.wav");
        WavWriter.Write(wav, stereo, 2, rate);
        return wav;
    }

    // ffmpeg decoding to its null muxer: the decoder alone, without the pipe, the float WAV stream and our mono mix.
    private static double FfmpegAlone(string file, int repeat)
    {
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-nostdin", "-v", "error", "-i", file, "-f", "null", "-" }) psi.ArgumentList.Add(a);
            long t0 = Stopwatch.GetTimestamp();
            using var p = Process.Start(psi) ?? throw new UserInputException("ffmpeg could not be started");
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            if (p.ExitCode != 0) throw new UserInputException($"{file}: ffmpeg could not decode it: {err.Trim()}");
        }
        Array.Sort(times);
        return KernelTiming.Median(times);
    }

    private static double Median(string file, DecoderChoice decoder, FfmpegDecoder ffmpeg, int repeat, out int samples, out int rate)
    {
        (var y, rate) = AudioDecoder.DecodeNative(file, null, null, _ => { }, ffmpeg, decoder); // warm-up: JIT, page cache
        samples = y.Length;
        var times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            AudioDecoder.DecodeNative(file, null, null, _ => { }, ffmpeg, decoder);
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return KernelTiming.Median(times);
    }
}
