using System.Numerics.Tensors;

namespace MusicCluster.Clustering.Common;

/// <summary>Checks for the row-major n×d float32 matrices every estimator takes.</summary>
internal static class MatrixInput
{
    /// <summary>Throws a clear <see cref="ArgumentException"/> when shape and data disagree or a value is not finite.</summary>
    public static void Check(ReadOnlySpan<float> x, int n, int d, string name = "x", int minRows = 1)
    {
        if (n < minRows) throw new ArgumentException($"{name} needs at least {minRows} row(s), got {n}", name);
        if (d < 1) throw new ArgumentException($"{name} needs at least one column, got {d}", name);
        if ((long)n * d != x.Length) throw new ArgumentException($"{name} has {x.Length} values but {n}×{d} = {(long)n * d} were declared", name);
        if (!TensorPrimitives.IsFiniteAll(x))
            throw new ArgumentException($"{name} holds NaN or infinity (row {FirstNonFinite(x) / d})", name);
    }

    private static int FirstNonFinite(ReadOnlySpan<float> x)
    {
        for (int i = 0; i < x.Length; i++) if (!float.IsFinite(x[i])) return i;
        return -1;
    }

    /// <summary>Checks a label vector's length against the number of rows.</summary>
    public static void CheckLabels(ReadOnlySpan<int> labels, int n, string name = "labels")
    {
        if (labels.Length != n) throw new ArgumentException($"{name} has {labels.Length} entries but the data has {n} rows", name);
    }
}
