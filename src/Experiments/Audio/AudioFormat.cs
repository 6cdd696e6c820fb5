namespace MusicCluster.Experiments.Audio;

/// <summary>A container/codec recognised from a file's first bytes.</summary>
public enum AudioFormat
{
    /// <summary>Anything not recognised below (decoded by ffmpeg, if at all).</summary>
    Other,

    /// <summary>RIFF/WAVE.</summary>
    Wav,

    /// <summary>Native FLAC ("fLaC").</summary>
    Flac,

    /// <summary>MPEG-1/2/2.5 audio layer I–III (an optional ID3v2 tag, then a frame header).</summary>
    Mp3,

    /// <summary>Ogg whose first stream is Vorbis.</summary>
    OggVorbis,

    /// <summary>Ogg whose first stream is Opus.</summary>
    OggOpus,
}
