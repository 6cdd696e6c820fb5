namespace MusicCluster.Experiments.Dsp;

/// <summary>A row-major float matrix of features, e.g. [mel bands, frames] as librosa lays out spectrograms.</summary>
/// <param name="Data">Rows × Columns values, row after row.</param>
/// <param name="Rows">Rows (bins, bands or coefficients).</param>
/// <param name="Columns">Columns (frames).</param>
public sealed record FeatureMatrix(float[] Data, int Rows, int Columns)
{
    /// <summary>The value at (row, column).</summary>
    public float this[int row, int column] => Data[row * Columns + column];

    /// <summary>One row as a span.</summary>
    public ReadOnlySpan<float> Row(int row) => Data.AsSpan(row * Columns, Columns);
}
