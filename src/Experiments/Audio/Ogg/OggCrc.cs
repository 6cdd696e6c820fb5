namespace MusicCluster.Experiments.Audio.Ogg;

/// <summary>The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, most significant bit first, initial value 0.</summary>
internal static class OggCrc
{
    private static readonly uint[] Table = Build();

    /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) crc = (crc << 8) ^ Table[(crc >> 24) ^ b];
        return crc;
    }

    private static uint[] Build()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i << 24;
            for (int b = 0; b < 8; b++) c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            t[i] = c;
        }
        return t;
    }
}
