using MusicCluster.Clustering.Common;

namespace MusicCluster.Clustering.Partitioning;

/// <summary>One fixed row chunk of nearest-centre assignment, exactly as the in-process loops compute it, for work done in another process.</summary>
public static class CentroidChunks
{
    /// <summary>Rows per chunk; a matrix is cut at multiples of it, from row 0.</summary>
    public const int Rows = CentroidAssignment.RowChunk;

    /// <summary>Labels the m ≤ <see cref="Rows"/> rows of one chunk; returns its sums, counts (with <paramref name="accumulate"/>) and inertia.</summary>
    public static CentroidSums Assign(ReadOnlySpan<float> rows, int m, int d, float[] centres, int k, bool accumulate, Span<int> labels)
    {
        Check(rows, m, d, centres, k, labels.Length);
        var norms = new float[m];
        SquaredDistances.RowNorms(rows, m, d, norms);
        var cNorms = new float[k];
        SquaredDistances.RowNorms(centres, k, d, cNorms);
        return CentroidAssignment.AssignChunk(rows, norms, m, d, centres, cNorms, k, labels, new float[m], accumulate);
    }

    /// <summary>Σ‖x_i − c_label(i)‖² of one chunk's rows in float64, in row order.</summary>
    public static double ExactInertia(ReadOnlySpan<float> rows, int m, int d, float[] centres, ReadOnlySpan<int> labels)
    {
        Check(rows, m, d, centres, centres.Length / Math.Max(d, 1), labels.Length);
        return CentroidAssignment.ExactInertiaChunk(rows, m, d, centres, labels);
    }

    private static void Check(ReadOnlySpan<float> rows, int m, int d, float[] centres, int k, int labels)
    {
        if (m < 0 || m > Rows) throw new ArgumentOutOfRangeException(nameof(m), $"a chunk has 0..{Rows} rows, got {m}");
        if (d < 1 || k < 1 || rows.Length != (long)m * d || centres.Length != (long)k * d || labels != m)
            throw new ArgumentException($"chunk of {m}×{d} rows ({rows.Length} values), {k} centres ({centres.Length} values) and {labels} labels do not agree");
    }
}
