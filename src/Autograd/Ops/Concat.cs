using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>Joins values along <paramref name="axis"/>; each part's gradient is its slice of the result's.</summary>
    public static Variable<T> Concat(int axis, params Variable<T>[] parts)
    {
        var tensors = new Tensor<T>[parts.Length];
        for (int i = 0; i < parts.Length; i++) tensors[i] = parts[i].Data;
        var y = Tensor<T>.Concat(axis, tensors);
        int a = TensorShape.NormalizeAxis(axis, y.Rank);
        return Record(y, parts, g =>
        {
            int at = 0;
            foreach (var p in parts)
            {
                int length = p.Shape[a];
                if (p.RequiresGrad) p.Accumulate(g.Narrow(a, at, length));
                at += length;
            }
        });
    }
}
