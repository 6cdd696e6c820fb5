using System.Numerics;
using MusicCluster.Tensors.Gpu.Kernels;

namespace MusicCluster.Tensors.Gpu;

public sealed partial class GpuBackend
{
    /// <summary>‖a_i − b_j‖² for a [n, d] and b [m, d] on this backend: one GEMM and a fused epilogue (silhouette and t-SNE blocks).</summary>
    public Tensor<T> SquaredDistances<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (pa, pb, n, m, d) = DistanceOperands(a, b, "squared distances");
        var result = Tensor<T>.ZerosOn(this, n, m);
        lock (sync)
        {
            var x = Data(pa.Storage); var y = Data(pb.Storage); var r = Data(result.Storage);
            if (n == 0 || m == 0) return result;
            using var an = Norms(x, n, d);
            using var bn = Norms(y, m, d);
            Gemm(x.View, 0, false, y.View, 0, true, r.View, 0, 1, n, m, d);
            Kernels<T>().Distances(n * m, r.View, an.View, bn.View, m);
        }
        return result;
    }

    /// <summary>The K-Means assignment: for each point [n, d], the index (as T) of its nearest centroid [k, d] and the squared distance to it.</summary>
    /// <remarks>Ties go to the lowest centroid index, as scikit-learn; the [n, k] cross block is scratch and never leaves the device.</remarks>
    public (Tensor<T> Labels, Tensor<T> Distances) NearestCentroids<T>(Tensor<T> points, Tensor<T> centroids) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (px, pc, n, k, d) = DistanceOperands(points, centroids, "nearest centroids");
        if (k == 0) throw new ArgumentException("nearest centroids: no centroids given");
        var labels = Tensor<T>.ZerosOn(this, n);
        var distances = Tensor<T>.ZerosOn(this, n);
        lock (sync)
        {
            var x = Data(px.Storage); var c = Data(pc.Storage);
            if (n == 0) return (labels, distances);
            using var xn = Norms(x, n, d);
            using var cn = Norms(c, k, d);
            using var cross = Rent<T>(n * k);
            Gemm(x.View, 0, false, c.View, 0, true, cross.View, 0, 1, n, k, d);
            Kernels<T>().Nearest(n, cross.View, xn.View, cn.View, Data(labels.Storage).View, Data(distances.Storage).View, k);
        }
        return (labels, distances);
    }

    private (Tensor<T> A, Tensor<T> B, int N, int M, int D) DistanceOperands<T>(Tensor<T> a, Tensor<T> b, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[1])
            throw new ArgumentException($"{op}: need [n, d] and [m, d], got {TensorShape.Format(a.Shape)} and {TensorShape.Format(b.Shape)}");
        if (!ReferenceEquals(a.Backend, this) || !ReferenceEquals(b.Backend, this))
            throw new InvalidOperationException($"{op}: both tensors must be on {this}; move them with To(backend) first");
        return (Packed(a), Packed(b), a.Shape[0], b.Shape[0], a.Shape[1]);
    }

    private static Tensor<T> Packed<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
        => t.IsContiguous && t.Offset == 0 ? t : t.Clone();

    private GpuStorage<T> Norms<T>(GpuStorage<T> x, int rows, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norms = Rent<T>(rows);
        if (rows > 0) Kernels<T>().RowNorms(rows, x.View, norms.View, d);
        return norms;
    }
}
