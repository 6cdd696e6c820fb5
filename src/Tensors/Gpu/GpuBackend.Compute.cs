using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using MusicCluster.Tensors.Gpu.Kernels;

namespace MusicCluster.Tensors.Gpu;

public sealed partial class GpuBackend
{
    // Rows this short are reduced by one thread each; column reductions aim for this many threads, in chunks of this length.
    private const int ShortRow = 32, ColumnParallelism = 16384, ColumnChunk = 64;

    /// <inheritdoc />
    public void Unary<T>(UnaryOp op, Storage<T> x, Storage<T> y, int length, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var xs = Data(x); var ys = Data(y);
            if (length == 0) return;
            Kernels<T>().Unary(length, xs.View.SubView(0, length), ys.View.SubView(0, length), (int)op, p0, p1);
        }
    }

    /// <inheritdoc />
    public void Binary<T>(BinaryOp op, Storage<T> a, int aOffset, int[] aStrides, Storage<T> b, int bOffset, int[] bStrides, int[] shape, Storage<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int total = TensorShape.Numel(shape);
        lock (sync)
        {
            var sa = Data(a); var sb = Data(b); var sy = Data(y);
            if (total == 0) return;
            Kernels<T>().Binary(total, sa.View, sb.View, sy.View, StridedPair.Create(shape, aStrides, aOffset, bStrides, bOffset), (int)op);
        }
    }

    /// <inheritdoc />
    public void Reduce<T>(ReduceOp op, Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var xs = Data(x); var ys = Data(y);
            ReduceCore(op, xs.View, outer, reduce, inner, ys.View);
        }
    }

    private void ReduceCore<T>(ReduceOp op, ArrayView<T> x, int outer, int reduce, int inner, ArrayView<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = outer * inner;
        if (outputs == 0) return;
        var k = Kernels<T>();
        if (reduce == 0) { k.Fill(outputs, y.SubView(0, outputs), op == ReduceOp.Sum ? T.Zero : T.NegativeInfinity); return; }
        // Short rows: a thread per row beats a mostly idle group per row.
        if (inner > 1 || reduce <= ShortRow)
        {
            ReduceColumns(k, op, x, outer, reduce, inner, y);
            return;
        }

        // Rows: long rows are split into chunks reduced by separate groups, then the per-chunk partials are reduced again.
        int perGroup = reduceGroup * 8;
        int chunks = Math.Min((reduce + perGroup - 1) / perGroup, 1024);
        int chunkLength = (reduce + chunks - 1) / chunks;
        if (chunks == 1)
        {
            LaunchRows(k, x, y, outer, reduce, 1, chunkLength, op);
            return;
        }
        using var partial = Rent<T>(outer * chunks);
        LaunchRows(k, x, partial.View, outer, reduce, chunks, chunkLength, op);
        ReduceCore(op, partial.View, outer, chunks, 1, y);
    }

    private void ReduceColumns<T>(GpuKernelSet<T> k, ReduceOp op, ArrayView<T> x, int outer, int reduce, int inner, ArrayView<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outputs = outer * inner;
        // Few outputs over a long axis: split the axis so enough threads run, then reduce the [chunks, outputs] partials.
        int chunks = outputs >= ColumnParallelism || reduce < 2 * ColumnChunk ? 1 : Math.Min((reduce + ColumnChunk - 1) / ColumnChunk, Math.Max(1, ColumnParallelism / outputs));
        int chunkLength = (reduce + chunks - 1) / chunks;
        chunks = (reduce + chunkLength - 1) / chunkLength;
        if (chunks == 1)
        {
            k.ReduceColumns(outputs, x, y, reduce, inner, outputs, reduce, (int)op);
            return;
        }
        using var partial = Rent<T>(chunks * outputs);
        k.ReduceColumns(chunks * outputs, x, partial.View, reduce, inner, outputs, chunkLength, (int)op);
        ReduceCore(op, partial.View, 1, chunks, outputs, y);
    }

    private void LaunchRows<T>(GpuKernelSet<T> k, ArrayView<T> x, ArrayView<T> partial, int rows, int reduce, int chunks, int chunkLength, ReduceOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        => k.ReduceRows(new KernelConfig(new Index3D(rows, chunks, 1), new Index3D(reduceGroup, 1, 1)), x, partial, reduce, chunkLength, (int)op);

    /// <inheritdoc />
    public void ArgMax<T>(Storage<T> x, int outer, int reduce, int inner, Storage<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        lock (sync)
        {
            var xs = Data(x); var ys = Data(y);
            int outputs = outer * inner;
            if (outputs == 0) return;
            var k = Kernels<T>();
            if (reduce == 0) k.Fill(outputs, ys.View.SubView(0, outputs), T.Zero);
            else k.ArgMax(outputs, xs.View, ys.View, reduce, inner);
        }
    }

    /// <inheritdoc />
    public void AdamStep<T>(Storage<T> param, Storage<T> grad, Storage<T> m, Storage<T> v, int length, in AdamHyperparameters<T> h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Same scalar formulas as the CPU kernel, evaluated once on the host.
        T one = T.One;
        var s = new AdamScalars<T>
        {
            Beta1 = h.Beta1, Beta2 = h.Beta2, OneMinusBeta1 = one - h.Beta1, OneMinusBeta2 = one - h.Beta2,
            Epsilon = h.Epsilon, WeightDecay = h.WeightDecay,
            StepSize = h.LearningRate / (one - T.Pow(h.Beta1, T.CreateTruncating(h.Step))),
            Bc2Sqrt = T.Sqrt(one - T.Pow(h.Beta2, T.CreateTruncating(h.Step))),
            Decay = h.DecoupledWeightDecay ? one - h.LearningRate * h.WeightDecay : one,
            Decoupled = h.DecoupledWeightDecay ? 1 : 0,
        };
        lock (sync)
        {
            var sp = Data(param); var sg = Data(grad); var sm = Data(m); var sv = Data(v);
            if (length == 0) return;
            Kernels<T>().Adam(length, sp.View.SubView(0, length), sg.View.SubView(0, length), sm.View.SubView(0, length), sv.View.SubView(0, length), s);
        }
    }
}
