using System.Buffers.Binary;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>
/// Reads a native FLAC stream frame by frame (RFC 9639): the metadata blocks (STREAMINFO checked, the rest skipped),
/// then one decoded block per <see cref="ReadFrame"/>. The file is read through a buffer that grows only when a frame
/// does not fit (up to a fixed cap), so no header field ever sizes an allocation. Errors name the file and byte offset.
/// </summary>
internal sealed class FlacReader
{
    private const int InitialBuffer = 1 << 18;
    private const int MaxBuffer = 1 << 24;   // a verbatim 65536-sample, 8-channel, 33-bit frame is 2.2 MB
    private const int MinAhead = 1 << 16;

    private readonly Stream _stream;
    private readonly string _name;
    private byte[] _buffer = new byte[InitialBuffer];
    private int _start, _end;
    private long _bufferOffset;   // file offset of _buffer[0]
    private bool _eof;

    /// <summary>Opens the stream positioned at its "fLaC" marker (after any ID3v2 tag) and reads the metadata.</summary>
    public FlacReader(Stream stream, string name)
    {
        _stream = stream;
        _name = name;
        _bufferOffset = stream.Position;
        Info = ReadMetadata();
        Channels = new long[Info.Channels][];
    }

    /// <summary>The validated STREAMINFO.</summary>
    public FlacStreamInfo Info { get; }

    /// <summary>The last decoded block, one array per channel (valid for the first <see cref="BlockSize"/> samples).</summary>
    public long[][] Channels { get; }

    /// <summary>Samples per channel in the last decoded block.</summary>
    public int BlockSize { get; private set; }

    /// <summary>Decodes the next frame; false at the end of the stream.</summary>
    public bool ReadFrame()
    {
        while (true)
        {
            Fill(MinAhead);
            if (_start == _end) return false;
            var data = _buffer.AsSpan(_start, _end - _start);
            if (!FlacFrame.StartsWithSync(data))
            {
                // An ID3v1 tag or zero padding after the last frame ends the stream; anything else is damage.
                if (_eof && (data.StartsWith("TAG"u8) || !data.ContainsAnyExcept((byte)0))) { _start = _end; return false; }
                throw Error("expected a FLAC frame (sync code 0xFFF8) but found other data; the file is corrupt");
            }
            try
            {
                var (bytes, block) = FlacFrame.Decode(data, Info, Channels);
                _start += bytes;
                BlockSize = block;
                return true;
            }
            catch (FlacNeedMoreDataException)
            {
                if (_eof) throw Error("the file ends inside a frame (truncated)");
                if (_end - _start >= MaxBuffer) throw Error($"a frame longer than {MaxBuffer >> 20} MiB (corrupt)");
                Fill(Math.Min(MaxBuffer, 2 * (_end - _start)));
            }
            catch (InvalidDataException e)
            {
                throw Error($"corrupt frame ({e.Message})");
            }
        }
    }

    private UserInputException Error(string what) => new($"{_name}: FLAC {what} at byte {_bufferOffset + _start}");

    // Makes at least `want` bytes available from _start (fewer only at the end of the file).
    private void Fill(int want)
    {
        if (_end - _start >= want || _eof) return;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_buffer.Length < want) Array.Resize(ref _buffer, Math.Max(want, 2 * _buffer.Length));
        while (_end < _buffer.Length)
        {
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) { _eof = true; break; }
            _end += n;
        }
    }

    private FlacStreamInfo ReadMetadata()
    {
        Span<byte> head = stackalloc byte[4];
        if (_stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual("fLaC"u8))
            throw new UserInputException($"{_name}: not a FLAC file (no \"fLaC\" marker)");
        long length = _stream.Length;
        FlacStreamInfo? info = null;
        Span<byte> si = stackalloc byte[34];
        bool last = false;
        while (!last)
        {
            long at = _stream.Position;
            if (_stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
                throw new UserInputException($"{_name}: FLAC metadata is truncated at byte {at}");
            last = (head[0] & 0x80) != 0;
            int type = head[0] & 0x7F;
            int size = (head[1] << 16) | (head[2] << 8) | head[3];
            if (type == 127) throw new UserInputException($"{_name}: invalid FLAC metadata block type 127 at byte {at}");
            if (at + 4 + size > length) throw new UserInputException($"{_name}: FLAC metadata block at byte {at} claims {size} bytes but the file ends first (truncated or corrupt)");
            if (info is null && type != 0) throw new UserInputException($"{_name}: the first FLAC metadata block is not STREAMINFO");
            if (type == 0)
            {
                if (info is not null) throw new UserInputException($"{_name}: more than one FLAC STREAMINFO block");
                if (size != 34) throw new UserInputException($"{_name}: FLAC STREAMINFO is {size} bytes; 34 are required");
                _stream.ReadExactly(si);
                info = ParseStreamInfo(si);
            }
            else _stream.Position = at + 4 + size;
        }
        _bufferOffset = _stream.Position;
        return info!;
    }

    private FlacStreamInfo ParseStreamInfo(ReadOnlySpan<byte> b)
    {
        int minBlock = BinaryPrimitives.ReadUInt16BigEndian(b), maxBlock = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        ulong packed = BinaryPrimitives.ReadUInt64BigEndian(b[10..]);
        int rate = (int)(packed >> 44);
        int channels = (int)((packed >> 41) & 7) + 1;
        int bps = (int)((packed >> 36) & 31) + 1;
        long total = (long)(packed & 0xF_FFFF_FFFF);
        if (rate == 0) throw new UserInputException($"{_name}: FLAC STREAMINFO gives a sample rate of 0 Hz");
        if (bps < 4) throw new UserInputException($"{_name}: FLAC STREAMINFO gives {bps} bits per sample (at least 4 are required)");
        if (maxBlock < minBlock)
            throw new UserInputException($"{_name}: FLAC STREAMINFO block sizes {minBlock}..{maxBlock} are invalid");
        return new FlacStreamInfo(minBlock, maxBlock, rate, channels, bps, total);
    }
}
