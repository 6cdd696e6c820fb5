using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary><paramref name="length"/> entries from <paramref name="start"/> along one axis (a view); the gradient is zero elsewhere.</summary>
    public Variable<T> Narrow(int axis, int start, int length)
        => Record(Data.Narrow(axis, start, length), [this], g =>
        {
            var full = Data.ZerosLike();
            full.Narrow(axis, start, length).CopyFrom(g);
            Accumulate(full);
        });

    /// <summary>Rows [start, start + length) along the first axis.</summary>
    public Variable<T> Slice(int start, int length) => Narrow(0, start, length);
}
