using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Store;

/// <summary>
/// Every log-mel patch of a list of stored tracks, one epoch at a time in a seeded shuffled order, in bounded memory:
/// tracks are taken in blocks whose order is permuted by the seed, and patches pass through a shuffle buffer of fixed
/// size (as tf.data's shuffle does). Memory is the buffer and one record, whatever the number of tracks.
/// </summary>
/// <remarks>
/// The order depends on the seed and the track list only, never on how the store's shards happen to be laid out, so a
/// store filled by a resumed or distributed extraction trains exactly as one filled in one go. Patches come out
/// standardised: (value − shift) · invScale.
/// </remarks>
public sealed class PatchStream : IBatchSource
{
    private readonly FeatureStore _store;
    private readonly StoreEntry[] _entries;

    /// <summary>A stream over the patches of <paramref name="tracks"/> (in this order) of <paramref name="store"/>.</summary>
    public PatchStream(FeatureStore store, IReadOnlyList<TrackKey> tracks, int mels, int frames, (float Shift, float InvScale) scaling,
        int tracksPerBlock = 64, int bufferPatches = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tracksPerBlock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferPatches, 1);
        _store = store;
        _entries = new StoreEntry[tracks.Count];
        for (int i = 0; i < tracks.Count; i++)
        {
            if (!store.TryGetEntry(tracks[i], out var e)) throw new KeyNotFoundException($"{store.Folder}: track {tracks[i]} is not in the store");
            if (e.PatchSize != mels * frames) throw new InvalidDataException($"{store.Folder}: track {tracks[i]} has patches of {e.PatchSize} values, not {mels}×{frames}");
            _entries[i] = e;
            Count += e.PatchCount;
        }
        SampleShape = [1, mels, frames];
        PatchSize = mels * frames;
        (Shift, InvScale) = scaling;
        TracksPerBlock = tracksPerBlock;
        BufferPatches = bufferPatches;
    }

    /// <inheritdoc />
    public int[] SampleShape { get; }

    /// <inheritdoc />
    public long Count { get; }

    /// <summary>Values per patch.</summary>
    public int PatchSize { get; }

    /// <summary>Subtracted from every raw value.</summary>
    public float Shift { get; }

    /// <summary>Multiplies every shifted value.</summary>
    public float InvScale { get; }

    /// <summary>Consecutive tracks read together; the blocks' order is what the seed permutes first.</summary>
    public int TracksPerBlock { get; }

    /// <summary>Patches held in the shuffle buffer.</summary>
    public int BufferPatches { get; }

    /// <summary>Mean and 1/std of all raw patch values of <paramref name="tracks"/>, from the records' stored sums (no pass over the patches).</summary>
    public static (float Shift, float InvScale) Standardisation(FeatureStore store, IReadOnlyList<TrackKey> tracks)
    {
        double sum = 0, squares = 0, n = 0;
        foreach (var key in tracks)
        {
            if (!store.TryGetEntry(key, out var e)) throw new KeyNotFoundException($"{store.Folder}: track {key} is not in the store");
            sum += e.PatchSum; squares += e.PatchSumSquares; n += (double)e.PatchCount * e.PatchSize;
        }
        double mean = sum / Math.Max(1, n), variance = Math.Max(0, squares / Math.Max(1, n) - mean * mean), std = Math.Sqrt(variance);
        return ((float)mean, std > 0 ? (float)(1 / std) : 1f);
    }

    /// <inheritdoc />
    public IEnumerable<int> Epoch(ulong seed, float[] batch)
    {
        int perBatch = batch.Length / PatchSize;
        if (perBatch < 1) throw new ArgumentException($"the batch buffer holds {batch.Length} values, less than one patch of {PatchSize}");
        var rng = new SeededRandom(seed, stream: 7);
        int blocks = (_entries.Length + TracksPerBlock - 1) / TracksPerBlock;
        var order = new int[blocks];
        for (int i = 0; i < blocks; i++) order[i] = i;
        rng.Shuffle(order.AsSpan());
        var pool = new float[(long)Math.Min(BufferPatches, Math.Max(Count, 1)) * PatchSize];
        int capacity = pool.Length / PatchSize, held = 0, inBatch = 0;
        var reader = _store.CreateReader();
        float[] track = [];
        foreach (int block in order)
        {
            int end = Math.Min(_entries.Length, (block + 1) * TracksPerBlock);
            for (int t = block * TracksPerBlock; t < end; t++)
            {
                var entry = _entries[t];
                long values = (long)entry.PatchCount * PatchSize;
                if (track.Length < values) track = new float[values];
                // Copied out of the reader's buffer: a view cannot live across the yields below.
                reader.Read(entry).Patches.CopyTo(track);
                for (int p = 0; p < entry.PatchCount; p++)
                {
                    var patch = track.AsSpan(p * PatchSize, PatchSize);
                    if (held < capacity) { patch.CopyTo(pool.AsSpan(held++ * PatchSize, PatchSize)); continue; }
                    int j = rng.NextInt(capacity);
                    Emit(pool.AsSpan(j * PatchSize, PatchSize), batch.AsSpan(inBatch++ * PatchSize, PatchSize));
                    patch.CopyTo(pool.AsSpan(j * PatchSize, PatchSize));
                    if (inBatch == perBatch) { yield return inBatch; inBatch = 0; }
                }
            }
        }
        // Drain the buffer in random order.
        while (held > 0)
        {
            int j = rng.NextInt(held);
            Emit(pool.AsSpan(j * PatchSize, PatchSize), batch.AsSpan(inBatch++ * PatchSize, PatchSize));
            pool.AsSpan(--held * PatchSize, PatchSize).CopyTo(pool.AsSpan(j * PatchSize, PatchSize));
            if (inBatch == perBatch) { yield return inBatch; inBatch = 0; }
        }
        if (inBatch > 0) yield return inBatch;
    }

    private void Emit(ReadOnlySpan<float> raw, Span<float> destination)
    {
        float shift = Shift, inv = InvScale;
        for (int i = 0; i < raw.Length; i++) destination[i] = (raw[i] - shift) * inv;
    }
}
