namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>
/// Decodes one FLAC frame (RFC 9639 §9): header with its CRC-8, one subframe per channel, stereo decorrelation
/// (left/side, side/right, mid/side) and the CRC-16 footer. Corrupt data throws <see cref="InvalidDataException"/>;
/// a buffer that ends inside the frame throws <see cref="FlacNeedMoreDataException"/>.
/// </summary>
internal static class FlacFrame
{
    /// <summary>The largest block size the 16-bit header field can express.</summary>
    public const int MaxBlockSize = 65536;

    /// <summary>Whether <paramref name="data"/> starts with a frame sync code (0xFFF8 or 0xFFF9).</summary>
    public static bool StartsWithSync(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0xFF && (data[1] & 0xFE) == 0xF8;

    /// <summary>
    /// Decodes the frame at the start of <paramref name="data"/> into <paramref name="channels"/> (grown as needed, up to
    /// <see cref="MaxBlockSize"/>); returns the frame's length in bytes and its block size.
    /// </summary>
    public static (int Bytes, int BlockSize) Decode(ReadOnlySpan<byte> data, FlacStreamInfo info, long[][] channels)
    {
        var br = new FlacBitReader(data);
        if (!StartsWithSync(data)) throw new InvalidDataException("no frame sync code where a frame should start");
        br.ReadBits(16);
        int blockCode = br.ReadInt(4), rateCode = br.ReadInt(4), channelCode = br.ReadInt(4), depthCode = br.ReadInt(3);
        if (br.ReadBits(1) != 0) throw new InvalidDataException("the frame header's reserved bit is set");
        ReadCodedNumber(ref br);
        int blockSize = blockCode switch
        {
            0 => throw new InvalidDataException("reserved block size code 0"),
            1 => 192,
            <= 5 => 576 << (blockCode - 2),
            6 => br.ReadInt(8) + 1,
            7 => br.ReadInt(16) + 1,
            _ => 256 << (blockCode - 8),
        };
        int rate = rateCode switch
        {
            0 => info.SampleRate,
            1 => 88200, 2 => 176400, 3 => 192000, 4 => 8000, 5 => 16000, 6 => 22050, 7 => 24000,
            8 => 32000, 9 => 44100, 10 => 48000, 11 => 96000,
            12 => br.ReadInt(8) * 1000,
            13 => br.ReadInt(16),
            14 => br.ReadInt(16) * 10,
            _ => throw new InvalidDataException("invalid sample rate code 15"),
        };
        if (rate != info.SampleRate) throw new InvalidDataException($"a frame at {rate} Hz in a {info.SampleRate} Hz stream");
        int bps = depthCode switch
        {
            0 => info.BitsPerSample,
            1 => 8, 2 => 12, 4 => 16, 5 => 20, 6 => 24, 7 => 32,
            _ => throw new InvalidDataException("reserved bit depth code 3"),
        };
        if (bps != info.BitsPerSample) throw new InvalidDataException($"a {bps}-bit frame in a {info.BitsPerSample}-bit stream");
        int count = channelCode switch
        {
            <= 7 => channelCode + 1,
            <= 10 => 2,
            _ => throw new InvalidDataException($"reserved channel assignment {channelCode}"),
        };
        if (count != info.Channels) throw new InvalidDataException($"a {count}-channel frame in a {info.Channels}-channel stream");
        int headerBytes = br.BytePosition;
        if ((byte)br.ReadBits(8) != FlacCrc.Crc8(data[..headerBytes])) throw new InvalidDataException("frame header CRC-8 mismatch");

        for (int ch = 0; ch < count; ch++)
        {
            if (channels[ch] is null || channels[ch].Length < blockSize) channels[ch] = new long[Math.Max(blockSize, Math.Min(MaxBlockSize, info.MaxBlockSize))];
            // The side channel carries one extra bit.
            bool side = (channelCode == 8 && ch == 1) || (channelCode == 9 && ch == 0) || (channelCode == 10 && ch == 1);
            FlacSubframe.Decode(ref br, channels[ch].AsSpan(0, blockSize), bps + (side ? 1 : 0));
        }
        br.AlignToByte();
        int footer = br.BytePosition;
        if ((ushort)br.ReadBits(16) != FlacCrc.Crc16(data[..footer])) throw new InvalidDataException("frame CRC-16 mismatch");
        if (channelCode >= 8) Decorrelate(channelCode, channels[0].AsSpan(0, blockSize), channels[1].AsSpan(0, blockSize));
        return (footer + 2, blockSize);
    }

    private static void Decorrelate(int mode, Span<long> a, Span<long> b)
    {
        switch (mode)
        {
            case 8: for (int i = 0; i < a.Length; i++) b[i] = a[i] - b[i]; break;          // left, side → right
            case 9: for (int i = 0; i < a.Length; i++) a[i] += b[i]; break;                // side, right → left
            default:
                for (int i = 0; i < a.Length; i++)
                {
                    long side = b[i], mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
                break;
        }
    }

    // The frame or sample number: UTF-8-like, 1 to 7 bytes (RFC 9639 §9.1.5); only validated, the stream is read in order.
    private static void ReadCodedNumber(ref FlacBitReader br)
    {
        int first = br.ReadInt(8);
        int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2 : first < 0xF8 ? 3 : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
        if (extra < 0) throw new InvalidDataException($"invalid coded frame number byte 0x{first:X2}");
        for (int i = 0; i < extra; i++)
            if ((br.ReadInt(8) & 0xC0) != 0x80) throw new InvalidDataException("invalid coded frame number continuation byte");
    }
}
