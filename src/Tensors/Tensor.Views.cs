namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>The same elements with another shape (one −1 is inferred); a view when contiguous, a copy otherwise.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        var target = (int[])shape.Clone();
        int infer = -1, known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"reshape {TensorShape.Format(Shape)} → {TensorShape.Format(shape)}: only one −1 is allowed");
                infer = i;
            }
            else known *= target[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || Length % known != 0) throw new ArgumentException($"reshape {TensorShape.Format(Shape)} → {TensorShape.Format(shape)}: cannot infer −1");
            target[infer] = Length / known;
        }
        if (TensorShape.Numel(target) != Length)
            throw new ArgumentException($"reshape {TensorShape.Format(Shape)} → {TensorShape.Format(shape)}: element counts differ ({Length} vs {TensorShape.Numel(target)})");
        var c = Contiguous();
        return new Tensor<T>(c.Storage, target, TensorShape.ContiguousStrides(target), c.Offset);
    }

    /// <summary>A view with the axes reordered: result axis i is this tensor's axis <c>axes[i]</c>.</summary>
    public Tensor<T> Permute(params int[] axes)
    {
        if (axes.Length != Rank) throw new ArgumentException($"permute of shape {TensorShape.Format(Shape)} needs {Rank} axes, got {axes.Length}");
        var seen = new bool[Rank];
        var shape = new int[Rank];
        var strides = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int a = TensorShape.NormalizeAxis(axes[i], Rank);
            if (seen[a]) throw new ArgumentException($"permute: axis {a} appears twice in {TensorShape.Format(axes)}");
            seen[a] = true;
            shape[i] = Shape[a];
            strides[i] = Strides[a];
        }
        return new Tensor<T>(Storage, shape, strides, Offset);
    }

    /// <summary>A view with two axes swapped.</summary>
    public Tensor<T> Transpose(int axis0, int axis1)
    {
        var axes = new int[Rank];
        for (int i = 0; i < Rank; i++) axes[i] = i;
        int a = TensorShape.NormalizeAxis(axis0, Rank), b = TensorShape.NormalizeAxis(axis1, Rank);
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Permute(axes);
    }

    /// <summary>A view with the last two axes swapped (the matrix transpose).</summary>
    public Tensor<T> Transpose()
    {
        if (Rank < 2) throw new InvalidOperationException($"Transpose needs rank ≥ 2, got shape {TensorShape.Format(Shape)}");
        return Transpose(-2, -1);
    }

    /// <summary>A view of <paramref name="length"/> entries starting at <paramref name="start"/> along one axis.</summary>
    public Tensor<T> Narrow(int axis, int start, int length)
    {
        int a = TensorShape.NormalizeAxis(axis, Rank);
        if (start < 0 || length < 0 || start + length > Shape[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow [{start}, {start + length}) is outside axis {a} of shape {TensorShape.Format(Shape)}");
        var shape = (int[])Shape.Clone();
        shape[a] = length;
        return new Tensor<T>(Storage, shape, (int[])Strides.Clone(), Offset + start * Strides[a]);
    }

    /// <summary>Rows [start, start + length) along the first axis, as a view.</summary>
    public Tensor<T> Slice(int start, int length) => Narrow(0, start, length);

    /// <summary>Entry <paramref name="index"/> of the first axis, with that axis removed (a view).</summary>
    public Tensor<T> Select(int index) => Narrow(0, index, 1).Squeeze(0);

    /// <summary>A view with a new axis of size 1 at <paramref name="axis"/>.</summary>
    public Tensor<T> Unsqueeze(int axis)
    {
        int a = axis < 0 ? axis + Rank + 1 : axis;
        if ((uint)a > (uint)Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"unsqueeze axis {axis} for shape {TensorShape.Format(Shape)}");
        var shape = new List<int>(Shape); var strides = new List<int>(Strides);
        shape.Insert(a, 1); strides.Insert(a, a < Rank ? Strides[a] * Shape[a] : 1);
        return new Tensor<T>(Storage, shape.ToArray(), strides.ToArray(), Offset);
    }

    /// <summary>A view without axis <paramref name="axis"/>, which must have size 1.</summary>
    public Tensor<T> Squeeze(int axis)
    {
        int a = TensorShape.NormalizeAxis(axis, Rank);
        if (Shape[a] != 1) throw new ArgumentException($"squeeze: axis {a} of shape {TensorShape.Format(Shape)} has size {Shape[a]}, not 1");
        var shape = new List<int>(Shape); var strides = new List<int>(Strides);
        shape.RemoveAt(a); strides.RemoveAt(a);
        return new Tensor<T>(Storage, shape.ToArray(), strides.ToArray(), Offset);
    }

    /// <summary>A read-only view repeated along broadcast axes (stride 0), as numpy's broadcast_to.</summary>
    public Tensor<T> BroadcastTo(params int[] shape)
    {
        var target = TensorShape.Broadcast(Shape, shape, "broadcast_to");
        if (!TensorShape.SameShape(target, shape))
            throw new ArgumentException($"broadcast_to: shape {TensorShape.Format(Shape)} cannot be broadcast to {TensorShape.Format(shape)}");
        return new Tensor<T>(Storage, (int[])shape.Clone(), TensorShape.BroadcastStrides(Shape, Strides, shape), Offset);
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; all other axes must agree.</summary>
    public static Tensor<T> Concat(int axis, params Tensor<T>[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("concat needs at least one tensor");
        var first = parts[0];
        int a = TensorShape.NormalizeAxis(axis, first.Rank);
        var shape = (int[])first.Shape.Clone();
        shape[a] = 0;
        foreach (var p in parts)
        {
            first.RequireSameBackend(p, "concat");
            bool ok = p.Rank == first.Rank;
            for (int i = 0; ok && i < p.Rank; i++) ok = i == a || p.Shape[i] == first.Shape[i];
            if (!ok) throw new ArgumentException($"concat along axis {a}: shapes {TensorShape.Format(first.Shape)} and {TensorShape.Format(p.Shape)} differ off that axis");
            shape[a] += p.Shape[a];
        }
        var result = EmptyOn(first.Backend, shape); // the parts cover it
        int at = 0;
        foreach (var p in parts)
        {
            var dst = result.Narrow(a, at, p.Shape[a]);
            first.Backend.Copy(p.Storage, p.Offset, p.Strides, result.Storage, dst.Offset, dst.Strides, p.Shape);
            at += p.Shape[a];
        }
        return result;
    }

    /// <summary>Copies <paramref name="source"/> (broadcast to this view's shape) into this view's elements.</summary>
    public void CopyFrom(Tensor<T> source)
    {
        RequireSameBackend(source, "copy");
        var src = source.BroadcastTo(Shape);
        Backend.Copy(src.Storage, src.Offset, src.Strides, Storage, Offset, Strides, Shape);
    }
}
