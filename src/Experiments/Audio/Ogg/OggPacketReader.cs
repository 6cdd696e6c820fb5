using System.Buffers.Binary;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>
/// Reads the packets of the first logical stream of an Ogg file (RFC 3533): pages are checked (capture pattern,
/// version, CRC-32), packets are reassembled across pages, and other multiplexed streams are skipped. A packet is
/// bounded by the bytes actually present, so no header field can size an allocation beyond the file.
/// </summary>
internal sealed class OggPacketReader(Stream stream, string name, string codec)
{
    private const int MaxPacket = 1 << 24;   // far above any audio packet; a longer one is damage

    private readonly byte[] _header = new byte[27 + 255];
    private readonly Queue<(int Offset, int Length, bool Complete)> _segments = new();
    private byte[] _page = new byte[1 << 16];
    private byte[] _packet = new byte[1 << 12];
    private int? _serial;
    private bool _endOfStream;
    private int _completeLeft;   // packets that end on the current page and have not been returned yet

    /// <summary>The file name that errors give.</summary>
    public string Name => name;

    /// <summary>The granule position of the last page read (-1 when no packet ends on it).</summary>
    public long PageGranule { get; private set; } = -1;

    /// <summary>True once the page holding the end-of-stream flag of our stream has been read.</summary>
    public bool LastPage => _endOfStream;

    /// <summary>The granule position of the packet just returned: its page's, when it is the last packet completed on that page; else -1.</summary>
    public long PacketGranule { get; private set; } = -1;

    /// <summary>Whether the packet just returned is the last of the stream.</summary>
    public bool PacketEndsStream => _endOfStream && _segments.Count == 0;

    /// <summary>The next packet (valid until the next call), or false at the end of the stream.</summary>
    public bool Next(out ReadOnlySpan<byte> packet)
    {
        int length = 0;
        while (true)
        {
            while (_segments.Count > 0)
            {
                var (offset, count, complete) = _segments.Dequeue();
                if (length + count > MaxPacket) throw Error($"a packet longer than {MaxPacket >> 20} MiB (corrupt)");
                if (length + count > _packet.Length) Array.Resize(ref _packet, Math.Max(length + count, 2 * _packet.Length));
                _page.AsSpan(offset, count).CopyTo(_packet.AsSpan(length));
                length += count;
                if (complete)
                {
                    _completeLeft--;
                    PacketGranule = _completeLeft == 0 ? PageGranule : -1;
                    packet = _packet.AsSpan(0, length);
                    return true;
                }
            }
            if (_endOfStream || !ReadPage(continuation: length > 0))
            {
                if (length > 0) throw Error("the file ends inside a packet (truncated)");
                packet = default;
                return false;
            }
        }
    }

    // Reads pages until one of our stream; queues its segments. False at the end of the file.
    private bool ReadPage(bool continuation)
    {
        while (true)
        {
            long at = stream.Position;
            int got = stream.ReadAtLeast(_header.AsSpan(0, 27), 27, throwOnEndOfStream: false);
            if (got == 0) return false;
            if (got < 27) throw Error($"truncated page header at byte {at}");
            var h = _header.AsSpan(0, 27);
            if (!h.StartsWith("OggS"u8)) throw Error($"no page capture pattern \"OggS\" at byte {at} (corrupt)");
            if (h[4] != 0) throw Error($"unsupported page version {h[4]} at byte {at}");
            int flags = h[5], segments = h[26];
            long granule = BinaryPrimitives.ReadInt64LittleEndian(h[6..]);
            int serial = BinaryPrimitives.ReadInt32LittleEndian(h[14..]);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[22..]);
            if (stream.ReadAtLeast(_header.AsSpan(27, segments), segments, throwOnEndOfStream: false) < segments) throw Error($"truncated page at byte {at}");
            var lacing = _header.AsSpan(27, segments);
            int body = 0;
            foreach (byte l in lacing) body += l;
            if (body > stream.Length - stream.Position) throw Error($"page at byte {at} claims {body} bytes but the file ends first (truncated)");
            if (_page.Length < body) _page = new byte[body];
            stream.ReadExactly(_page, 0, body);
            h[22..26].Clear();
            uint actual = OggCrc.Update(OggCrc.Update(0, _header.AsSpan(0, 27 + segments)), _page.AsSpan(0, body));
            if (actual != crc) throw Error($"page CRC mismatch at byte {at} (corrupt)");
            _serial ??= serial;
            if (serial != _serial) continue;
            bool continued = (flags & 1) != 0;
            if (continuation != continued) throw Error($"page at byte {at} {(continued ? "continues a packet that was not started" : "does not continue the unfinished packet")} (corrupt)");
            _endOfStream = (flags & 4) != 0;
            PageGranule = granule;
            int offset = 0;
            foreach (byte l in lacing)
            {
                _segments.Enqueue((offset, l, l < 255));
                if (l < 255) _completeLeft++;
                offset += l;
            }
            return true;
        }
    }

    private UserInputException Error(string what) => new($"{name}: Ogg {codec}: {what}");
}
