using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// Turns an audio file into mono float samples at the analysis rate: WAV is read directly (<see cref="WavReader"/>),
/// FLAC, MP3, Ogg Vorbis and Ogg Opus by managed decoders (<see cref="ManagedDecoders"/>), anything else through ffmpeg
/// (<see cref="FfmpegDecoder"/>); then channels are averaged and the signal is resampled with <see cref="Resampler"/>.
/// The format is recognised from the file's first bytes, not its name.
/// </summary>
public static class AudioDecoder
{
    /// <summary>The default analysis rate.</summary>
    public const int DefaultSampleRate = 22050;

    /// <summary>Signals shorter than this (one default FFT frame) are padded with zeros, with a warning.</summary>
    public const int DefaultMinimumSamples = 2048;

    /// <summary>
    /// Decodes <paramref name="path"/> to mono at <paramref name="targetSampleRate"/> Hz. With <paramref name="offset"/>
    /// and/or <paramref name="duration"/> (seconds) only that excerpt is read. Warnings (non-finite samples zeroed,
    /// silence, padding) go to <paramref name="warn"/>, or to standard error as "warning: …" when it is null.
    /// Errors are <see cref="UserInputException"/>s naming the file.
    /// </summary>
    public static float[] Decode(string path, int targetSampleRate = DefaultSampleRate, double? offset = null, double? duration = null,
        Action<string>? warn = null, FfmpegDecoder? ffmpeg = null, int minimumSamples = DefaultMinimumSamples, DecoderChoice decoder = DecoderChoice.Auto)
    {
        warn ??= message => Console.Error.WriteLine($"warning: {message}");
        if (targetSampleRate <= 0) throw new UserInputException($"sample rate must be positive (got {targetSampleRate})");
        if (offset is double o && (!double.IsFinite(o) || o < 0)) throw new UserInputException($"{path}: offset must be a finite number of seconds ≥ 0 (got {o})");
        if (duration is double d && (!double.IsFinite(d) || d <= 0)) throw new UserInputException($"{path}: duration must be a finite number of seconds > 0 (got {d})");

        var (samples, rate) = DecodeNative(path, offset, duration, warn, ffmpeg ?? new FfmpegDecoder(), decoder);
        var y = Resampler.Resample(samples, rate, targetSampleRate);
        if (y.Length < minimumSamples)
        {
            warn($"{path}: only {y.Length} sample(s) at {targetSampleRate} Hz; padded with silence to {minimumSamples}");
            Array.Resize(ref y, minimumSamples);
        }
        else if (!y.AsSpan().ContainsAnyExcept(0f)) warn($"{path}: the audio is silent (all samples are zero)");
        return y;
    }

    /// <summary>
    /// Decodes to mono at the file's own sample rate; returns the samples and that rate. WAV is always read directly;
    /// <paramref name="decoder"/> chooses between the managed decoders and ffmpeg for compressed formats.
    /// </summary>
    public static (float[] Samples, int SampleRate) DecodeNative(string path, double? offset, double? duration, Action<string> warn, FfmpegDecoder ffmpeg,
        DecoderChoice decoder = DecoderChoice.Auto)
    {
        Span<byte> head = stackalloc byte[AudioMagic.HeadLength];
        int got;
        AudioFormat format;
        using (var s = WavReader.Open(path))
        {
            if (s.Length == 0) throw new UserInputException($"{path}: the file is empty (0 bytes)");
            got = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            string ext = Path.GetExtension(path).ToLowerInvariant();
            (format, long dataOffset) = AudioSniffer.Sniff(s);
            if (format == AudioFormat.Wav || (format == AudioFormat.Other && ext is ".wav" or ".wave"))
            {
                s.Position = 0;
                var h = WavReader.ReadHeader(s, path, streamed: false);
                var (start, count) = ExcerptFrames(path, h, offset, duration);
                return (WavReader.ReadMono(s, h, start, count, path, warn), h.SampleRate);
            }
            if (decoder != DecoderChoice.Ffmpeg && ManagedDecoders.Handles(format))
            {
                s.Position = dataOffset;
                return ManagedDecoders.DecodeMono(format, s, path, new AudioExcerpt(offset, duration));
            }
        }
        string name = FormatName(path, head[..got]);
        if (decoder == DecoderChoice.Managed)
            throw new UserInputException($"{path}: no managed decoder for {name} audio (managed: WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus); " +
                "use --decoder auto or ffmpeg, with ffmpeg installed, or convert the file");
        try
        {
            return ffmpeg.DecodeMono(path, name, offset, duration, warn);
        }
        catch (UserInputException e) when (e.InnerException is System.ComponentModel.Win32Exception && ManagedDecoders.Handles(format))
        {
            // ffmpeg was asked for by name but is missing, and this file does not need it.
            throw new UserInputException($"{e.Message} {AudioSniffer.Name(format)} needs no ffmpeg with --decoder auto or managed.", e);
        }
    }

    // The container as AudioMagic names it, else the extension: what error messages call the file.
    private static string FormatName(string path, ReadOnlySpan<byte> head)
    {
        if (AudioMagic.Format(head) is { } known) return known;
        string ext = Path.GetExtension(path).TrimStart('.').ToUpperInvariant();
        return ext.Length > 0 ? ext : "unknown-format";
    }

    private static (long Start, long Count) ExcerptFrames(string path, WavHeader h, double? offset, double? duration)
    {
        long start = offset is double o ? (long)Math.Round(o * h.SampleRate) : 0;
        if (start > 0 && start >= h.Frames)
            throw new UserInputException($"{path}: offset {offset} s is past the end of the audio ({h.Seconds:0.###} s)");
        long available = h.Frames - start;
        long count = duration is double d ? Math.Min(available, (long)Math.Round(d * h.SampleRate)) : available;
        return (start, count);
    }
}
