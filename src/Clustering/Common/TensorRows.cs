using MusicCluster.Tensors;

namespace MusicCluster.Clustering.Common;

/// <summary>Views a rank-2 <see cref="Tensor{T}"/> as the row-major (data, n, d) triple the estimators work on.</summary>
public static class TensorRows
{
    /// <summary>The rows of an n×d tensor as a contiguous CPU span (copies only when the tensor is strided or on another device).</summary>
    public static ReadOnlySpan<float> Of(Tensor<float> x, out int n, out int d)
    {
        if (x.Rank != 2) throw new ArgumentException($"expected an n×d (rank-2) tensor, got shape [{string.Join(", ", x.Shape)}]", nameof(x));
        n = x.Shape[0]; d = x.Shape[1];
        return x.ToCpu().Contiguous().AsSpan();
    }

    /// <summary>Wraps a row-major result array as an n×d tensor.</summary>
    public static Tensor<float> Wrap(float[] data, int n, int d) => Tensor<float>.Wrap(data, n, d);
}
