namespace MusicCluster.Experiments.Runner;

/// <summary>A row-major n×d float32 matrix: one row per track (or patch). Serialisable as a stage result.</summary>
public sealed record FeatureMatrix(float[] Data, int Rows, int Cols)
{
    /// <summary>Allocates a zero matrix.</summary>
    public static FeatureMatrix Zeros(int rows, int cols) => new(new float[checked(rows * cols)], rows, cols);

    /// <summary>Row <paramref name="i"/> as a span.</summary>
    public Span<float> Row(int i) => Data.AsSpan(i * Cols, Cols);
}
