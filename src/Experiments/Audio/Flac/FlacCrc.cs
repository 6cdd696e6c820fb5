namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>The two FLAC checksums: CRC-8 (polynomial 0x07) over a frame header, CRC-16 (0x8005) over a whole frame.</summary>
internal static class FlacCrc
{
    private static readonly byte[] Table8 = Build8();
    private static readonly ushort[][] Table16 = Build16();

    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (byte b in data) crc = Table8[crc ^ b];
        return crc;
    }

    /// <summary>CRC-16, four bytes per step (slicing-by-4) since it runs over every byte of the file.</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        var t0 = Table16[0]; var t1 = Table16[1]; var t2 = Table16[2]; var t3 = Table16[3];
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            uint a = (crc >> 8) ^ data[i], b = (crc & 0xFF) ^ data[i + 1];
            crc = (uint)(t3[a] ^ t2[b] ^ t1[data[i + 2]] ^ t0[data[i + 3]]);
        }
        for (; i < data.Length; i++) crc = ((crc << 8) ^ t0[(crc >> 8) ^ data[i]]) & 0xFFFF;
        return (ushort)crc;
    }

    private static byte[] Build8()
    {
        var t = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int c = i;
            for (int b = 0; b < 8; b++) c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
            t[i] = (byte)c;
        }
        return t;
    }

    // Table16[k][x] is the CRC contribution of byte x followed by k zero bytes.
    private static ushort[][] Build16()
    {
        var t = new ushort[4][];
        for (int k = 0; k < 4; k++) t[k] = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int c = i << 8;
            for (int b = 0; b < 8; b++) c = (c & 0x8000) != 0 ? (c << 1) ^ 0x8005 : c << 1;
            t[0][i] = (ushort)c;
        }
        for (int k = 1; k < 4; k++)
            for (int i = 0; i < 256; i++)
            {
                ushort prev = t[k - 1][i];
                t[k][i] = (ushort)((prev << 8) ^ t[0][prev >> 8]);
            }
        return t;
    }
}
