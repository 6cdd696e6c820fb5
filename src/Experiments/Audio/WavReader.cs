using System.Buffers.Binary;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio;

/// <summary>
/// A RIFF/WAVE reader: integer PCM 8/16/24/32-bit, IEEE float 32/64-bit, WAVE_FORMAT_EXTENSIBLE, any channel count,
/// chunks in any order (unknown ones skipped, odd sizes padded). Every size field is checked against the file length
/// before it is used, so a corrupt header can never size an allocation.
/// </summary>
/// <remarks>
/// NaN and infinite float samples are <b>zeroed with a warning</b> (the count is reported), not rejected: one bad
/// sample in a long recording should not lose the track, but the user is told.
/// </remarks>
public static class WavReader
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;
    private const int MaxChannels = 1024;
    /// <summary>The highest sample rate any reader accepts (4.2 MHz).</summary>
    internal const int MaxSampleRate = 1 << 22;

    /// <summary>The lowest sample rate any reader accepts.</summary>
    /// <remarks>Below this the resampler to the analysis rate would turn each stored frame into tens of thousands of samples,
    /// an allocation sized by the header rather than by the file; no real recording is stored this slowly.</remarks>
    internal const int MinSampleRate = 1000;
    private const uint UnknownSize = 0xFFFFFFFF;

    /// <summary>Whether the first bytes are a RIFF/WAVE header.</summary>
    public static bool HasWavMagic(ReadOnlySpan<byte> head)
        => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Reads and validates the header of the WAV file at <paramref name="path"/>.</summary>
    public static WavHeader ReadHeader(string path)
    {
        using var s = Open(path);
        return ReadHeader(s, path, streamed: false);
    }

    /// <summary>
    /// Parses the chunks of a WAV stream positioned at its start. With <paramref name="streamed"/>, a size of
    /// 0xFFFFFFFF (what a writer on a pipe leaves, e.g. ffmpeg) means "up to the end of the stream".
    /// </summary>
    public static WavHeader ReadHeader(Stream s, string name, bool streamed)
    {
        long length = s.Length;
        if (length == 0) throw new UserInputException($"{name}: the file is empty (0 bytes)");
        Span<byte> head = stackalloc byte[12];
        int got = ReadUpTo(s, head);
        if (got >= 4 && (head[..4].SequenceEqual("RIFX"u8) || head[..4].SequenceEqual("RF64"u8)))
            throw new UserInputException($"{name}: {System.Text.Encoding.ASCII.GetString(head[..4])} WAV files are not supported; convert to a standard RIFF WAV (e.g. ffmpeg -i in.wav out.wav)");
        if (got < 12 || !HasWavMagic(head))
            throw new UserInputException($"{name}: not a WAV file (no RIFF/WAVE header){DescribeStart(head[..got])}");
        uint riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        long end;
        if (streamed && riffSize == UnknownSize) end = length;
        else if (riffSize + 8L > length)
            throw new UserInputException($"{name}: RIFF size field says {riffSize + 8L} bytes but the file has {length} (truncated or corrupt)");
        else end = riffSize + 8L;

        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[40];
        int fmtLength = -1;
        long dataOffset = -1, dataBytes = 0;
        long pos = 12;
        while (pos + 8 <= end)
        {
            s.Position = pos;
            if (ReadUpTo(s, chunk) < 8) break;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long body = pos + 8;
            bool isData = chunk[..4].SequenceEqual("data"u8);
            if (isData && streamed && size == UnknownSize) size = (uint)Math.Min(uint.MaxValue - 1, end - body);
            if (size > end - body)
                throw new UserInputException($"{name}: chunk '{ChunkName(chunk[..4])}' at byte {pos} claims {size} bytes but only {end - body} remain (truncated or corrupt)");
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (fmtLength >= 0) throw new UserInputException($"{name}: more than one 'fmt ' chunk");
                if (size < 16) throw new UserInputException($"{name}: 'fmt ' chunk is {size} bytes; at least 16 are required");
                fmtLength = (int)Math.Min(size, (uint)fmt.Length);
                if (ReadUpTo(s, fmt[..fmtLength]) < fmtLength) throw new UserInputException($"{name}: truncated 'fmt ' chunk");
            }
            else if (isData)
            {
                if (dataOffset >= 0) throw new UserInputException($"{name}: more than one 'data' chunk");
                dataOffset = body;
                dataBytes = size;
            }
            // RIFF pads every odd-sized chunk with one byte.
            pos = body + size + (size & 1);
        }
        if (fmtLength < 0) throw new UserInputException($"{name}: WAV file has no 'fmt ' chunk");
        if (dataOffset < 0) throw new UserInputException($"{name}: WAV file has no 'data' chunk");
        return ParseFormat(fmt[..fmtLength], name, dataOffset, dataBytes);
    }

    private static WavHeader ParseFormat(ReadOnlySpan<byte> fmt, string name, long dataOffset, long dataBytes)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40) throw new UserInputException($"{name}: WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {fmt.Length} bytes; 40 are required");
            // The sub-format GUID starts with the plain format code; the remaining 14 bytes are the fixed KSDATAFORMAT suffix.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
            if (tag == FormatExtensible) throw new UserInputException($"{name}: invalid WAVE_FORMAT_EXTENSIBLE sub-format");
        }
        var encoding = tag switch
        {
            FormatPcm => WavEncoding.Pcm,
            FormatFloat => WavEncoding.Float,
            _ => throw new UserInputException($"{name}: unsupported WAV format code 0x{tag:X4} (only PCM 0x0001, IEEE float 0x0003 and WAVE_FORMAT_EXTENSIBLE of those are read directly; convert with ffmpeg -i in.wav -c:a pcm_s16le out.wav)"),
        };
        if (channels == 0) throw new UserInputException($"{name}: WAV header says 0 channels");
        if (channels > MaxChannels) throw new UserInputException($"{name}: WAV header says {channels} channels (more than {MaxChannels} is not plausible)");
        if (rate < MinSampleRate || rate > MaxSampleRate)
            throw new UserInputException($"{name}: WAV sample rate {rate} Hz is not plausible (expected {MinSampleRate} Hz to {MaxSampleRate / 1_000_000.0:0.#} MHz)");
        bool bitsOk = encoding == WavEncoding.Pcm ? bits is 8 or 16 or 24 or 32 : bits is 32 or 64;
        if (!bitsOk) throw new UserInputException($"{name}: {bits}-bit {(encoding == WavEncoding.Pcm ? "integer PCM" : "float")} samples are not supported");
        if (blockAlign != channels * (bits / 8))
            throw new UserInputException($"{name}: block align {blockAlign} does not match {channels} channel(s) × {bits / 8} bytes");
        return new WavHeader(encoding, channels, (int)rate, bits, blockAlign, dataOffset, dataBytes);
    }

    /// <summary>
    /// Decodes frames [<paramref name="startFrame"/>, +<paramref name="frameCount"/>) of the data chunk, mixing all
    /// channels down to mono by averaging. Only those bytes are read. Non-finite samples are zeroed and reported.
    /// </summary>
    public static float[] ReadMono(Stream s, WavHeader h, long startFrame, long frameCount, string name, Action<string> warn)
    {
        if (startFrame < 0 || frameCount < 0 || startFrame + frameCount > h.Frames)
            throw new ArgumentOutOfRangeException(nameof(frameCount), $"frames [{startFrame}, {startFrame + frameCount}) outside 0..{h.Frames}");
        if (frameCount > Array.MaxLength) throw new UserInputException($"{name}: {frameCount} frames do not fit in memory; read an excerpt with an offset and a duration");
        var mono = new float[frameCount];
        int framesPerBlock = Math.Max(1, (1 << 16) / h.BlockAlign);
        var buffer = new byte[framesPerBlock * h.BlockAlign];
        s.Position = h.DataOffset + startFrame * h.BlockAlign;
        long nonFinite = 0;
        for (long done = 0; done < frameCount;)
        {
            int n = (int)Math.Min(framesPerBlock, frameCount - done);
            int bytes = n * h.BlockAlign;
            s.ReadExactly(buffer, 0, bytes);
            nonFinite += ConvertBlock(buffer.AsSpan(0, bytes), h, mono.AsSpan((int)done, n));
            done += n;
        }
        if (nonFinite > 0) warn($"{name}: {nonFinite} NaN or infinite sample(s) were set to zero");
        return mono;
    }

    // Mixes one block of interleaved frames to mono; returns how many non-finite samples were zeroed.
    private static long ConvertBlock(ReadOnlySpan<byte> src, WavHeader h, Span<float> dst)
    {
        int c = h.Channels, bytesPerSample = h.BitsPerSample / 8;
        double scale = h.Encoding == WavEncoding.Float ? 1.0 : 1.0 / (1L << (h.BitsPerSample - 1));
        double mixScale = scale / c;
        long bad = 0;
        for (int f = 0; f < dst.Length; f++)
        {
            var frame = src.Slice(f * h.BlockAlign, h.BlockAlign);
            double sum = 0;
            for (int ch = 0; ch < c; ch++)
            {
                var b = frame.Slice(ch * bytesPerSample, bytesPerSample);
                double v;
                if (h.Encoding == WavEncoding.Float)
                {
                    v = bytesPerSample == 4 ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b);
                    if (!double.IsFinite(v)) { bad++; v = 0; }
                }
                else
                {
                    v = bytesPerSample switch
                    {
                        1 => b[0] - 128,
                        2 => BinaryPrimitives.ReadInt16LittleEndian(b),
                        3 => (b[0] | (b[1] << 8) | ((sbyte)b[2] << 16)),
                        _ => BinaryPrimitives.ReadInt32LittleEndian(b),
                    };
                }
                sum += v;
            }
            dst[f] = (float)(sum * mixScale);
        }
        return bad;
    }

    internal static FileStream Open(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{path}: cannot open ({e.Message})", e); }
    }

    private static int ReadUpTo(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static string ChunkName(ReadOnlySpan<byte> id)
    {
        Span<char> c = stackalloc char[4];
        for (int i = 0; i < 4; i++) c[i] = id[i] is >= 32 and < 127 ? (char)id[i] : '?';
        return new string(c);
    }

    private static string DescribeStart(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0) return "";
        foreach (byte b in head)
            if (b is < 9 or (> 13 and < 32) or 127) return "";
        return $"; it starts with text \"{System.Text.Encoding.ASCII.GetString(head).ReplaceLineEndings(" ")}\"";
    }
}
