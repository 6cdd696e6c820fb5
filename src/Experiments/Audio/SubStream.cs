namespace MusicCluster.Experiments.Audio;

/// <summary>A read-only, seekable view of <c>[offset, end)</c> of another stream, so a decoder sees the data after a tag as position 0.</summary>
internal sealed class SubStream(Stream inner, long offset) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => Math.Max(0, inner.Length - offset);

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length) return 0;
        inner.Position = offset + _position;
        int n = inner.Read(buffer[..(int)Math.Min(buffer.Length, Length - _position)]);
        _position += n;
        return n;
    }

    public override long Seek(long delta, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => delta,
        SeekOrigin.Current => _position + delta,
        _ => Length + delta,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int index, int count) => throw new NotSupportedException();
}
