using System.Buffers.Binary;
using System.Text;

namespace MusicCluster.Experiments.Tests.Audio;

/// <summary>Builds RIFF/WAVE files byte by byte, including deliberately broken ones.</summary>
internal sealed class RiffBuilder
{
    private readonly List<(string Id, byte[] Body, uint? Size)> _chunks = [];
    private uint? _riffSize;
    private string _magic = "RIFF";

    public RiffBuilder Chunk(string id, byte[] body, uint? declaredSize = null) { _chunks.Add((id, body, declaredSize)); return this; }
    public RiffBuilder RiffSize(uint size) { _riffSize = size; return this; }
    public RiffBuilder Magic(string magic) { _magic = magic; return this; }
    public RiffBuilder Fmt(ushort tag, int channels, int rate, int bits, int? blockAlign = null)
        => Chunk("fmt ", FmtBody(tag, channels, rate, bits, blockAlign));
    public RiffBuilder Extensible(ushort subFormat, int channels, int rate, int bits, int validBits)
    {
        var b = new byte[40];
        FmtBody(0xFFFE, channels, rate, bits, null).CopyTo(b, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), channels == 2 ? 3u : 0u);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(24), subFormat);
        // KSDATAFORMAT_SUBTYPE suffix: 0000-0010-8000-00AA00389B71
        byte[] suffix = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        suffix.CopyTo(b, 26);
        return Chunk("fmt ", b);
    }
    public RiffBuilder Data(byte[] body, uint? declaredSize = null) => Chunk("data", body, declaredSize);

    public byte[] Build()
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes(_magic));
        ms.Write(new byte[4]);
        ms.Write("WAVE"u8);
        foreach (var (id, body, size) in _chunks)
        {
            ms.Write(Encoding.ASCII.GetBytes(id));
            var len = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(len, size ?? (uint)body.Length);
            ms.Write(len);
            ms.Write(body);
            if (body.Length % 2 == 1) ms.WriteByte(0);
        }
        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), _riffSize ?? (uint)(bytes.Length - 8));
        return bytes;
    }

    public static byte[] FmtBody(ushort tag, int channels, int rate, int bits, int? blockAlign)
    {
        var b = new byte[16];
        int align = blockAlign ?? channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), (uint)(rate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(14), (ushort)bits);
        return b;
    }

    /// <summary>Encodes interleaved samples in [-1, 1) as the given PCM or float format.</summary>
    public static byte[] Encode(double[] samples, int bits, bool isFloat)
    {
        int bytes = bits / 8;
        var b = new byte[samples.Length * bytes];
        for (int i = 0; i < samples.Length; i++)
        {
            var d = b.AsSpan(i * bytes, bytes);
            double v = samples[i];
            if (isFloat)
            {
                if (bits == 32) BinaryPrimitives.WriteSingleLittleEndian(d, (float)v);
                else BinaryPrimitives.WriteDoubleLittleEndian(d, v);
                continue;
            }
            long q = (long)Math.Round(v * (1L << (bits - 1)));
            switch (bits)
            {
                case 8: d[0] = (byte)(q + 128); break;
                case 16: BinaryPrimitives.WriteInt16LittleEndian(d, (short)q); break;
                case 24: d[0] = (byte)q; d[1] = (byte)(q >> 8); d[2] = (byte)(q >> 16); break;
                default: BinaryPrimitives.WriteInt32LittleEndian(d, (int)q); break;
            }
        }
        return b;
    }
}
