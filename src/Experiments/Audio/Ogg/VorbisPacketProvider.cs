using NVorbis;
using NVorbis.Contracts;

namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>
/// Feeds NVorbis the packets of our own Ogg reader (<see cref="OggPacketReader"/>), so that page CRCs are checked and a
/// truncated file is reported instead of NVorbis silently returning no audio. Forward-only: no seeking.
/// </summary>
internal sealed class VorbisPacketProvider(OggPacketReader ogg) : NVorbis.Contracts.IPacketProvider
{
    private Packet? _peeked;
    private bool _done;
    private int _packets;

    public bool CanSeek => false;

    public int StreamSerial => 0;

    public IPacket? GetNextPacket()
    {
        var p = PeekNextPacket();
        _peeked = null;
        return p;
    }

    public IPacket? PeekNextPacket()
    {
        if (_peeked is null && !_done)
        {
            if (ogg.Next(out var data))
            {
                // The comment and setup headers declare sizes that NVorbis allocates by: checked first.
                switch (++_packets)
                {
                    case 2: VorbisHeaderCheck.Comments(data, ogg.Name); break;
                    case 3: VorbisHeaderCheck.Setup(data, ogg.Name); break;
                }
                _peeked = new Packet(data.ToArray(), ogg.PacketGranule >= 0 ? ogg.PacketGranule : null, ogg.PacketEndsStream);
            }
            else _done = true;
        }
        return _peeked;
    }

    public long SeekTo(long granulePos, int preRoll, GetPacketGranuleCount getPacketGranuleCount) => throw new NotSupportedException("the Vorbis stream is read forward only");

    public long GetGranuleCount() => throw new NotSupportedException("the Vorbis stream is read forward only");

    private sealed class Packet : DataPacket
    {
        private readonly byte[] _data;
        private int _next;

        public Packet(byte[] data, long? granule, bool last)
        {
            _data = data;
            GranulePosition = granule;
            IsEndOfStream = last;
        }

        protected override int TotalBits => _data.Length * 8;

        protected override int ReadNextByte() => _next < _data.Length ? _data[_next++] : -1;

        public override void Reset()
        {
            _next = 0;
            base.Reset();
        }
    }
}
