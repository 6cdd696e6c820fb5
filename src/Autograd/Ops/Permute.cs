using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>The axes reordered: result axis i is this value's axis <c>axes[i]</c> (a view).</summary>
    public Variable<T> Permute(params int[] axes)
    {
        var y = Data.Permute(axes);
        return Record(y, [this], g =>
        {
            var inverse = new int[axes.Length];
            for (int i = 0; i < axes.Length; i++) inverse[TensorShape.NormalizeAxis(axes[i], axes.Length)] = i;
            Accumulate(g.Permute(inverse));
        });
    }

    /// <summary>Two axes swapped (a view).</summary>
    public Variable<T> Transpose(int a, int b) => Record(Data.Transpose(a, b), [this], g => Accumulate(g.Transpose(a, b)));

    /// <summary>The last two axes swapped (the matrix transpose).</summary>
    public Variable<T> Transpose() => Record(Data.Transpose(), [this], g => Accumulate(g.Transpose()));
}
