using System.Buffers.Binary;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Audio;

/// <summary>Sample encodings <see cref="WavWriter"/> can write.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (format code 1): values are clipped to [-1, 1] and rounded to the nearest step.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float (format code 3), written with the 18-byte fmt chunk and fact chunk the spec asks of non-PCM data.</summary>
    Float32,
}

/// <summary>Writes RIFF/WAVE files (the same chunk layout as scipy.io.wavfile.write), atomically.</summary>
public static class WavWriter
{
    /// <summary>Writes interleaved samples (frame-major: L R L R …) to <paramref name="path"/> via a temporary file.</summary>
    public static void Write(string path, ReadOnlySpan<float> interleaved, int channels, int sampleRate, WavSampleFormat format = WavSampleFormat.Pcm16)
        => AtomicFile.WriteAllBytes(path, Encode(interleaved, channels, sampleRate, format));

    /// <summary>The complete file bytes for interleaved samples.</summary>
    public static byte[] Encode(ReadOnlySpan<float> interleaved, int channels, int sampleRate, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        if (channels is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be in [1, 65535], got {channels}");
        if (sampleRate < 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), $"sample rate must be positive, got {sampleRate}");
        if (interleaved.Length % channels != 0) throw new ArgumentException($"{interleaved.Length} samples do not split into {channels} channels");
        bool isFloat = format == WavSampleFormat.Float32;
        int bytesPerSample = isFloat ? 4 : 2;
        long frames = interleaved.Length / channels;
        long dataBytes = (long)interleaved.Length * bytesPerSample;
        int fmtBytes = isFloat ? 18 : 16;
        int headerBytes = 12 + 8 + fmtBytes + (isFloat ? 12 : 0) + 8;
        if (headerBytes + dataBytes - 8 > uint.MaxValue || frames > uint.MaxValue)
            throw new ArgumentException($"{dataBytes} bytes of audio do not fit the 4 GiB limit of a WAV file");

        var bytes = new byte[headerBytes + dataBytes];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(bytes.Length - 8));
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)fmtBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], (ushort)(isFloat ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], checked((uint)(sampleRate * (long)channels * bytesPerSample)));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], checked((ushort)(channels * bytesPerSample)));
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], (ushort)(bytesPerSample * 8));
        int p = 36;
        if (isFloat)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s[36..], 0); // cbSize: no extension
            "fact"u8.CopyTo(s[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(s[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(s[46..], (uint)frames);
            p = 50;
        }
        "data"u8.CopyTo(s[p..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(p + 4)..], (uint)dataBytes);
        var data = s[(p + 8)..];
        for (int i = 0; i < interleaved.Length; i++)
        {
            float v = interleaved[i];
            if (!float.IsFinite(v)) throw new ArgumentException($"sample {i} is {v}; a WAV file holds finite samples only");
            if (isFloat) BinaryPrimitives.WriteSingleLittleEndian(data[(i * 4)..], v);
            else BinaryPrimitives.WriteInt16LittleEndian(data[(i * 2)..], ToPcm16(v));
        }
        return bytes;
    }

    /// <summary>A sample in [-1, 1] as 16-bit PCM: scaled by 32767, rounded half away from zero, clipped.</summary>
    public static short ToPcm16(float v)
    {
        float c = Math.Clamp(v, -1f, 1f) * 32767f;
        return (short)MathF.Round(c, MidpointRounding.AwayFromZero);
    }
}
