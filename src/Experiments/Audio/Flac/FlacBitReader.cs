using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>
/// A big-endian bit reader over one span (a FLAC frame and whatever follows it in the buffer). Bits are served from
/// a 64-bit cache refilled eight bytes at a time; reading past the end throws <see cref="FlacNeedMoreDataException"/>
/// so that the caller can supply a longer buffer and retry.
/// </summary>
internal ref struct FlacBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;      // next byte to move into the cache
    private ulong _cache;  // the next bits, most significant first; bits below _count may already hold later data
    private int _count;    // valid bits in _cache (never more than 63)

    public FlacBitReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Bits consumed so far.</summary>
    public readonly long BitPosition => (long)_pos * 8 - _count;

    /// <summary>Bytes consumed so far; only meaningful on a byte boundary.</summary>
    public readonly int BytePosition => (int)(BitPosition >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refill()
    {
        if (_pos + 8 <= _data.Length)
        {
            // ORing in whole words is safe: bits already cached below _count are the same bytes in the same places.
            _cache |= BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_pos, 8)) >> _count;
            int bytes = (63 - _count) >> 3;
            _pos += bytes;
            _count += bytes << 3;
        }
        else RefillSlow();
    }

    private void RefillSlow()
    {
        while (_count < 56 && _pos < _data.Length)
        {
            _cache |= (ulong)_data[_pos++] << (56 - _count);
            _count += 8;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Need(int n)
    {
        if (_count < n)
        {
            Refill();
            if (_count < n) throw new FlacNeedMoreDataException();
        }
    }

    /// <summary>An unsigned field of <paramref name="n"/> ≤ 56 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadBits(int n)
    {
        if (n == 0) return 0;
        Need(n);
        ulong r = _cache >> (64 - n);
        _cache <<= n;
        _count -= n;
        return r;
    }

    /// <summary>An unsigned field of <paramref name="n"/> ≤ 32 bits as an int (callers keep n small enough to fit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt(int n) => (int)ReadBits(n);

    /// <summary>A two's-complement field of <paramref name="n"/> ≤ 56 bits, sign-extended.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadSigned(int n)
    {
        if (n == 0) return 0;
        Need(n);
        long r = (long)_cache >> (64 - n);
        _cache <<= n;
        _count -= n;
        return r;
    }

    /// <summary>Counts zero bits up to and including the terminating one; more than <paramref name="limit"/> zeros is corrupt.</summary>
    public uint ReadUnary(uint limit)
    {
        uint q = 0;
        while (true)
        {
            if (_count == 0) Need(1);
            int lz = BitOperations.LeadingZeroCount(_cache);
            if (lz < _count)
            {
                q += (uint)lz;
                if (q > limit) throw new InvalidDataException($"a unary code of {q} zero bits (at most {limit} are valid)");
                _cache <<= lz + 1;
                _count -= lz + 1;
                return q;
            }
            q += (uint)_count;
            if (q > limit) throw new InvalidDataException($"a unary code of more than {limit} zero bits");
            _cache = 0;
            _count = 0;
        }
    }

    /// <summary>Rice-coded residuals with parameter <paramref name="k"/> (zig-zag signed) into <paramref name="dst"/>.</summary>
    public void ReadRice(Span<long> dst, int k)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            if (_count < 40) Refill();
            int lz = BitOperations.LeadingZeroCount(_cache);
            ulong u;
            if (lz + 1 + k <= _count)
            {
                // Fast path: quotient, stop bit and remainder are all in the cache.
                ulong c = _cache << lz << 1;
                u = k == 0 ? (ulong)lz : ((ulong)lz << k) | (c >> (64 - k));
                _cache = c << k;
                _count -= lz + 1 + k;
            }
            else
            {
                ulong q = ReadUnary(1u << 31);
                u = (q << k) | ReadBits(k);
            }
            dst[i] = (long)(u >> 1) ^ -(long)(u & 1);
        }
    }

    /// <summary>Skips to the next byte boundary.</summary>
    public void AlignToByte() => ReadBits(_count & 7);
}

/// <summary>The bit reader ran past the end of its buffer: the frame needs more bytes (or the file is truncated).</summary>
internal sealed class FlacNeedMoreDataException : Exception;
