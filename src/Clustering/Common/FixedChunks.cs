namespace MusicCluster.Clustering.Common;

/// <summary>Parallel loops over fixed-size chunks, so results never depend on the number of cores.</summary>
/// <remarks>Work is split by a chunk size chosen from the problem alone; reductions are stored per chunk and combined in chunk order.</remarks>
internal static class FixedChunks
{
    /// <summary>Runs every loop of the calling thread serially; tests use it to check that parallel runs agree bit for bit.</summary>
    [ThreadStatic] internal static bool ForceSerial;

    /// <summary>Number of chunks of <paramref name="chunk"/> items covering <paramref name="count"/>.</summary>
    public static int Count(int count, int chunk) => (count + chunk - 1) / chunk;

    /// <summary>Runs body(chunkIndex, start, end) for every chunk; in parallel only when the total work is large enough.</summary>
    public static void For(int count, int chunk, Action<int, int, int> body, long workPerItem = 1)
    {
        int chunks = Count(count, chunk);
        if (chunks <= 1 || (long)count * workPerItem < 200_000 || Environment.ProcessorCount == 1 || ForceSerial)
        {
            for (int c = 0; c < chunks; c++) body(c, c * chunk, Math.Min(count, (c + 1) * chunk));
            return;
        }
        Parallel.For(0, chunks, c => body(c, c * chunk, Math.Min(count, (c + 1) * chunk)));
    }
}
