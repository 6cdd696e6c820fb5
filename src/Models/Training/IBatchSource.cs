namespace MusicCluster.Models.Training;

/// <summary>Training samples streamed in shuffled mini-batches, for data sets too large to hold in memory.</summary>
public interface IBatchSource
{
    /// <summary>The shape of one sample (e.g. [1, H, W]).</summary>
    int[] SampleShape { get; }

    /// <summary>Samples in one epoch.</summary>
    long Count { get; }

    /// <summary>One epoch in an order fixed by <paramref name="seed"/>: fills <paramref name="batch"/> (room for
    /// <c>batch.Length / sample length</c> samples) and yields how many samples it holds, until every sample was given once.</summary>
    IEnumerable<int> Epoch(ulong seed, float[] batch);
}
