using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

/// <summary>Shape bookkeeping shared by the reductions' backward passes.</summary>
internal static class ReductionAxes
{
    /// <summary>The reduced shape with the reduced axes kept as 1 (null or empty axes reduce every axis, as the tensor ops do).</summary>
    public static int[] KeptShape(int[] shape, int[]? axes)
    {
        var kept = (int[])shape.Clone();
        if (axes is null || axes.Length == 0) { Array.Fill(kept, 1); return kept; }
        foreach (int a in axes) kept[TensorShape.NormalizeAxis(a, shape.Length)] = 1;
        return kept;
    }

    /// <summary>How many input elements feed each output element.</summary>
    public static int Count(int[] shape, int[]? axes)
    {
        var kept = KeptShape(shape, axes);
        int n = 1;
        for (int i = 0; i < shape.Length; i++) if (kept[i] == 1) n *= shape[i];
        return n;
    }

    /// <summary>The result's gradient, reshaped to keep the reduced axes and broadcast (as a view) over the input shape.</summary>
    public static Tensor<T> Expand<T>(Tensor<T> gradient, int[] inputShape, int[]? axes) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => gradient.Reshape(KeptShape(inputShape, axes)).BroadcastTo(inputShape);
}
