namespace MusicCluster.Clustering.LinearAlgebra;

/// <summary>A rows×cols matrix seen only through products with thin dense matrices (what randomized SVD needs).</summary>
/// <remarks>Thin matrices are "panels": l vectors stored one after another (l×length, each vector contiguous), which keeps every product a plain GEMM and orthonormalisation transpose-free.</remarks>
public interface ILinearOperator
{
    /// <summary>Number of rows.</summary>
    int Rows { get; }

    /// <summary>Number of columns.</summary>
    int Columns { get; }

    /// <summary>For each of the l vectors v_p (length Columns) in <paramref name="panel"/>, writes A·v_p (length Rows) into <paramref name="result"/>.</summary>
    void Apply(ReadOnlySpan<double> panel, int l, Span<double> result);

    /// <summary>For each of the l vectors u_p (length Rows), writes Aᵀ·u_p (length Columns).</summary>
    void ApplyTransposed(ReadOnlySpan<double> panel, int l, Span<double> result);
}
