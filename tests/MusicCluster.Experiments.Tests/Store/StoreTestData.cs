using MusicCluster.Experiments.Store;

namespace MusicCluster.Experiments.Tests.Store;

/// <summary>Synthetic store records: deterministic values per track index, so two stores can be compared.</summary>
internal static class StoreTestData
{
    public const int Head = 7, PatchSize = 12;

    public static TrackKey Key(int i)
    {
        var bytes = new byte[TrackKey.Size];
        bytes[0] = (byte)(i >> 8); bytes[1] = (byte)i; bytes[31] = 0x5A;
        return TrackKey.FromBytes(bytes);
    }

    public static StoredTrack Track(int i, int patches = -1)
    {
        int count = patches >= 0 ? patches : 1 + i % 4;
        var head = new float[Head];
        for (int j = 0; j < Head; j++) head[j] = i * 10 + j + 0.25f;
        var values = new float[count * PatchSize];
        for (int j = 0; j < values.Length; j++) values[j] = MathF.Sin(i * 31 + j) * 40 - 20;
        return new StoredTrack(Key(i), head, count, PatchSize, values);
    }
}
