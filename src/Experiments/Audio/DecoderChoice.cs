using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>Which decoder handles compressed audio (<c>--decoder</c>). WAV is always read by <see cref="WavReader"/>.</summary>
public enum DecoderChoice
{
    /// <summary>The managed decoder for FLAC, MP3, Ogg Vorbis and Ogg Opus; ffmpeg for every other format.</summary>
    Auto,

    /// <summary>Managed decoders only: other formats are an error, ffmpeg is never started.</summary>
    Managed,

    /// <summary>ffmpeg for every compressed format (the behaviour before the managed decoders).</summary>
    Ffmpeg,
}

/// <summary>Parsing of <see cref="DecoderChoice"/> names.</summary>
public static class DecoderChoices
{
    /// <summary>"auto", "managed" or "ffmpeg" (any case); anything else is a user error naming <paramref name="source"/>.</summary>
    public static DecoderChoice Parse(string? text, string source = "--decoder") =>
        TryParse(text, out var choice) ? choice : throw new UserInputException($"{source} must be managed, ffmpeg or auto (got '{text}')");

    /// <summary>Whether <paramref name="text"/> names a choice (null or empty is <see cref="DecoderChoice.Auto"/>).</summary>
    public static bool TryParse(string? text, out DecoderChoice choice)
    {
        DecoderChoice? parsed = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => DecoderChoice.Auto,
            "managed" => DecoderChoice.Managed,
            "ffmpeg" => DecoderChoice.Ffmpeg,
            _ => null,
        };
        choice = parsed ?? DecoderChoice.Auto;
        return parsed is not null;
    }
}
