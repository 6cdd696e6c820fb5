namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>Sum over <paramref name="axes"/> (all axes when null or empty).</summary>
    public Tensor<T> Sum(int[]? axes = null, bool keepDims = false) => Reduce(ReduceOp.Sum, axes, keepDims);

    /// <summary>Sum over one axis.</summary>
    public Tensor<T> Sum(int axis, bool keepDims = false) => Reduce(ReduceOp.Sum, [axis], keepDims);

    /// <summary>Mean over <paramref name="axes"/> (all axes when null or empty).</summary>
    public Tensor<T> Mean(int[]? axes = null, bool keepDims = false)
    {
        int count = ReducedCount(axes);
        return Reduce(ReduceOp.Sum, axes, keepDims) * (T.One / T.CreateTruncating(count));
    }

    /// <summary>Mean over one axis.</summary>
    public Tensor<T> Mean(int axis, bool keepDims = false) => Mean([axis], keepDims);

    /// <summary>Maximum over <paramref name="axes"/> (all axes when null or empty).</summary>
    public Tensor<T> Max(int[]? axes = null, bool keepDims = false)
    {
        // As torch.amax: only an empty reduced axis is an error; other empty axes give an empty result.
        foreach (int a in NormalizedAxes(axes))
            if (Shape[a] == 0) throw new InvalidOperationException($"max over axis {a} of shape {TensorShape.Format(Shape)}, which is empty");
        return Reduce(ReduceOp.Max, axes, keepDims);
    }

    /// <summary>Maximum over one axis.</summary>
    public Tensor<T> Max(int axis, bool keepDims = false) => Max([axis], keepDims);

    /// <summary>Variance over <paramref name="axes"/>; unbiased (divides by N − 1) by default, as torch.var.</summary>
    public Tensor<T> Variance(int[]? axes = null, bool unbiased = true, bool keepDims = false)
    {
        int count = ReducedCount(axes);
        var centred = this - Mean(axes, keepDims: true);
        // A non-positive denominator (one element unbiased, or none) gives NaN, as torch.var does.
        int denominator = Math.Max(unbiased ? count - 1 : count, 0);
        return centred.Square().Reduce(ReduceOp.Sum, axes, keepDims) * (T.One / T.CreateTruncating(denominator));
    }

    /// <summary>Index of the first maximum along <paramref name="axis"/>, as values of T.</summary>
    public Tensor<T> ArgMax(int axis, bool keepDims = false)
    {
        int a = TensorShape.NormalizeAxis(axis, Rank);
        if (Shape[a] == 0) throw new InvalidOperationException($"argmax over an empty axis of shape {TensorShape.Format(Shape)}");
        var x = Contiguous().Clone();
        var (outer, inner) = (Prod(Shape, 0, a), Prod(Shape, a + 1, Rank));
        var y = EmptyOn(Backend, ReducedShape([a], keepDims));
        Backend.ArgMax(x.Storage, outer, Shape[a], inner, y.Storage);
        return y;
    }

    /// <summary>Sums broadcast axes away so the result has <paramref name="shape"/> (the adjoint of broadcasting).</summary>
    public Tensor<T> SumToShape(int[] shape)
    {
        if (TensorShape.SameShape(Shape, shape)) return this;
        int lead = Rank - shape.Length;
        if (lead < 0) throw new ArgumentException($"sum_to: shape {TensorShape.Format(Shape)} has fewer axes than {TensorShape.Format(shape)}");
        var axes = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (i < lead) { axes.Add(i); continue; }
            int target = shape[i - lead];
            if (target == 1 && Shape[i] != 1) axes.Add(i);
            else if (target != Shape[i]) throw new ArgumentException($"sum_to: shape {TensorShape.Format(Shape)} does not broadcast from {TensorShape.Format(shape)}");
        }
        return (axes.Count == 0 ? this : Sum(axes.ToArray(), keepDims: true)).Reshape(shape);
    }

    private Tensor<T> Reduce(ReduceOp op, int[]? axes, bool keepDims)
    {
        var set = NormalizedAxes(axes);
        var outShape = ReducedShape(set, keepDims);
        if (set.Length == 0) return Contiguous().Reshape(outShape).Clone();
        bool adjacent = set[^1] - set[0] == set.Length - 1;
        if (!adjacent)
        {
            // Reduce each run of adjacent axes in turn, last run first, instead of permuting and copying the
            // whole tensor: e.g. a bias gradient Sum([0,2,3]) of NCHW becomes a row sum over H·W, then a sum over N.
            var partial = this;
            int end = set.Length;
            while (end > 0)
            {
                int start = end - 1;
                while (start > 0 && set[start - 1] == set[start] - 1) start--;
                partial = partial.Reduce(op, set[start..end], keepDims: true);
                end = start;
            }
            return partial.Reshape(outShape);
        }
        var x = Contiguous();
        int outer = Prod(Shape, 0, set[0]), reduce = Prod(Shape, set[0], set[^1] + 1), inner = Prod(Shape, set[^1] + 1, Rank);
        if (x.Offset != 0) x = x.Clone();
        var y = EmptyOn(Backend, outShape);
        Backend.Reduce(op, x.Storage, outer, reduce, inner, y.Storage);
        return y;
    }

    private int[] NormalizedAxes(int[]? axes)
    {
        if (axes is null || axes.Length == 0)
        {
            var all = new int[Rank];
            for (int i = 0; i < Rank; i++) all[i] = i;
            return all;
        }
        var set = new SortedSet<int>();
        foreach (int a in axes)
            if (!set.Add(TensorShape.NormalizeAxis(a, Rank)))
                throw new ArgumentException($"axis {a} repeated in {TensorShape.Format(axes)}");
        return set.ToArray();
    }

    private int ReducedCount(int[]? axes)
    {
        int n = 1;
        foreach (int a in NormalizedAxes(axes)) n *= Shape[a];
        return n;
    }

    private int[] ReducedShape(int[]? axes, bool keepDims)
    {
        var set = NormalizedAxes(axes);
        var shape = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            bool reduced = Array.IndexOf(set, i) >= 0;
            if (!reduced) shape.Add(Shape[i]);
            else if (keepDims) shape.Add(1);
        }
        return shape.ToArray();
    }

    private static int Prod(int[] shape, int from, int to)
    {
        int p = 1;
        for (int i = from; i < to; i++) p *= shape[i];
        return p;
    }
}
