namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A rows×cols matrix seen only through products with thin dense matrices (what randomized SVD needs).</summary>
public interface ILinearOperator
{
    /// <summary>Number of rows.</summary>
    int Rows { get; }

    /// <summary>Number of columns.</summary>
    int Columns { get; }

    /// <summary>result (Rows×l) = A · b (Columns×l), all row-major float64.</summary>
    void Multiply(ReadOnlySpan<double> b, int l, Span<double> result);

    /// <summary>result (Columns×l) = Aᵀ · b (Rows×l).</summary>
    void MultiplyTransposed(ReadOnlySpan<double> b, int l, Span<double> result);
}
