using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MusicCluster.Tensors.Kernels;

namespace MusicCluster.Tensors;

/// <summary>Element-wise CPU kernels: TensorPrimitives on contiguous runs, strided loops elsewhere.</summary>
internal static class ElementwiseKernels
{
    // Elements from which an operation is split over the cores: below it, starting a second thread costs more than
    // the memory traffic it shares. Every element is computed alone, so the split never changes a result.
    internal const int ParallelElements = 1 << 18;

    public static unsafe void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = Parts(y.Length);
        if (parts <= 1)
        {
            UnaryRun(op, x, y, p0, p1);
            return;
        }
        int length = y.Length;
        fixed (T* px = x)
        fixed (T* py = y)
        {
            nint ax = (nint)px, ay = (nint)py;
            CoreTeam.Run(parts, part =>
            {
                var (lo, hi) = Range(length, part, parts);
                UnaryRun(op, new ReadOnlySpan<T>((T*)ax + lo, hi - lo), new Span<T>((T*)ay + lo, hi - lo), p0, p1);
            });
        }
    }

    // How many cores share an operation over this many elements.
    private static int Parts(long elements) => elements >= ParallelElements ? Math.Max(1, Environment.ProcessorCount) : 1;

    // Part p of [0, length), its edges on 64-element boundaries so vector loops keep their alignment.
    private static (int Lo, int Hi) Range(int length, int part, int parts)
    {
        int lo = (int)((long)length * part / parts) & ~63, hi = part == parts - 1 ? length : (int)((long)length * (part + 1) / parts) & ~63;
        return (lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnaryRun<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y, T p0, T p1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Exp:
                if (typeof(T) == typeof(float)) Kernels.ExpFloat.Exp(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
                else TensorPrimitives.Exp(x, y);
                break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Square: CachedArithmetic.Apply<T, MultiplyOp<T>>(x, x, y); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, T.Zero, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Clamp: TensorPrimitives.Max(x, p0, y); TensorPrimitives.Min(y, p1, y); break;
            case UnaryOp.PowScalar: TensorPrimitives.Pow(x, p0, y); break;
            case UnaryOp.AddScalar: CachedArithmetic.Apply<T, AddOp<T>>(x, p0, y); break;
            case UnaryOp.MulScalar: CachedArithmetic.Apply<T, MultiplyOp<T>>(x, p0, y); break;
            case UnaryOp.LeakyRelu:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : p0 * x[i];
                break;
            case UnaryOp.Softplus:
                // max(x, 0) + log1p(e^−|x|) never overflows and keeps full precision for large |x|.
                for (int i = 0; i < x.Length; i++) y[i] = T.Max(x[i], T.Zero) + T.LogP1(T.Exp(-T.Abs(x[i])));
                break;
            case UnaryOp.Sign:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : x[i];
                break;
            case UnaryOp.Step:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] > T.Zero ? T.One : p0;
                break;
            case UnaryOp.InRange:
                for (int i = 0; i < x.Length; i++) y[i] = x[i] >= p0 && x[i] <= p1 ? T.One : T.Zero;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<T>(BinaryOp op, T[] a, int aOffset, int[] aStrides, T[] b, int bOffset, int[] bStrides, int[] shape, T[] y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Merge adjacent axes that are laid out the same way in both inputs, so most calls become one long run.
        int rank = shape.Length;
        Span<int> sh = stackalloc int[Math.Max(rank, 1)], sa = stackalloc int[Math.Max(rank, 1)], sb = stackalloc int[Math.Max(rank, 1)];
        int r = 0;
        for (int i = 0; i < rank; i++)
        {
            if (shape[i] == 1) continue;
            if (r > 0 && sa[r - 1] == aStrides[i] * shape[i] && sb[r - 1] == bStrides[i] * shape[i])
            {
                sh[r - 1] *= shape[i]; sa[r - 1] = aStrides[i]; sb[r - 1] = bStrides[i];
                continue;
            }
            sh[r] = shape[i]; sa[r] = aStrides[i]; sb[r] = bStrides[i]; r++;
        }
        if (r == 0) { sh[0] = 1; sa[0] = 0; sb[0] = 0; r = 1; }

        int inner = sh[r - 1], ia = sa[r - 1], ib = sb[r - 1];
        int total = y.Length;
        int rows = inner == 0 ? 0 : total / inner;
        int parts = Parts(total);
        if (parts > 1 && rows == 1)
        {
            // One long run: split it.
            int ao = aOffset, bo = bOffset;
            CoreTeam.Run(parts, part =>
            {
                var (lo, hi) = Range(inner, part, parts);
                Run(op, a, ao + lo * ia, ia, b, bo + lo * ib, ib, y.AsSpan(lo, hi - lo));
            });
            return;
        }
        if (parts > 1 && rows >= parts)
        {
            int[] shape2 = sh[..r].ToArray(), sa2 = sa[..r].ToArray(), sb2 = sb[..r].ToArray();
            CoreTeam.Run(parts, part =>
                Rows(op, a, aOffset, sa2, b, bOffset, sb2, shape2, y, (int)((long)rows * part / parts), (int)((long)rows * (part + 1) / parts)));
            return;
        }
        Rows(op, a, aOffset, sa[..r], b, bOffset, sb[..r], sh[..r], y, 0, rows);
    }

    // Rows [first, end) of the merged layout: the innermost axis is one run, outer axes step like an odometer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(BinaryOp op, T[] a, int aOffset, ReadOnlySpan<int> sa, T[] b, int bOffset, ReadOnlySpan<int> sb,
        ReadOnlySpan<int> sh, T[] y, int first, int end) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (end <= first) return; // also every layout with an empty axis
        int r = sh.Length, inner = sh[r - 1], ia = sa[r - 1], ib = sb[r - 1];
        Span<int> index = stackalloc int[r];
        int offA = aOffset, offB = bOffset;
        for (int ax = r - 2, rest = first; ax >= 0; ax--)
        {
            index[ax] = rest % sh[ax];
            rest /= sh[ax];
            offA += index[ax] * sa[ax];
            offB += index[ax] * sb[ax];
        }
        for (int row = first; row < end; row++)
        {
            Run(op, a, offA, ia, b, offB, ib, y.AsSpan(row * inner, inner));
            for (int ax = r - 2; ax >= 0; ax--)
            {
                offA += sa[ax]; offB += sb[ax];
                if (++index[ax] < sh[ax]) break;
                offA -= sa[ax] * sh[ax]; offB -= sb[ax] * sh[ax];
                index[ax] = 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T>(BinaryOp op, T[] a, int offA, int strideA, T[] b, int offB, int strideB, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = y.Length;
        if (strideA == 1 && strideB == 1)
        {
            ReadOnlySpan<T> x = a.AsSpan(offA, n), z = b.AsSpan(offB, n);
            switch (op)
            {
                case BinaryOp.Add: CachedArithmetic.Apply<T, AddOp<T>>(x, z, y); return;
                case BinaryOp.Sub: CachedArithmetic.Apply<T, SubtractOp<T>>(x, z, y); return;
                case BinaryOp.Mul: CachedArithmetic.Apply<T, MultiplyOp<T>>(x, z, y); return;
                case BinaryOp.Div: CachedArithmetic.Apply<T, DivideOp<T>>(x, z, y); return;
                case BinaryOp.Pow: TensorPrimitives.Pow(x, z, y); return;
                case BinaryOp.Maximum: TensorPrimitives.Max(x, z, y); return;
                case BinaryOp.Minimum: TensorPrimitives.Min(x, z, y); return;
                case BinaryOp.MaskPositive: MaskPositive(x, z, y); return;
            }
        }
        else if (strideA == 1 && strideB == 0)
        {
            ReadOnlySpan<T> x = a.AsSpan(offA, n);
            T s = b[offB];
            switch (op)
            {
                case BinaryOp.Add: CachedArithmetic.Apply<T, AddOp<T>>(x, s, y); return;
                case BinaryOp.Sub: CachedArithmetic.Apply<T, SubtractOp<T>>(x, s, y); return;
                case BinaryOp.Mul: CachedArithmetic.Apply<T, MultiplyOp<T>>(x, s, y); return;
                case BinaryOp.Div: CachedArithmetic.Apply<T, DivideOp<T>>(x, s, y); return;
                case BinaryOp.Pow: TensorPrimitives.Pow(x, s, y); return;
                case BinaryOp.Maximum: TensorPrimitives.Max(x, s, y); return;
                case BinaryOp.Minimum: TensorPrimitives.Min(x, s, y); return;
            }
        }
        else if (strideA == 0 && strideB == 1)
        {
            T s = a[offA];
            ReadOnlySpan<T> z = b.AsSpan(offB, n);
            switch (op)
            {
                case BinaryOp.Add: CachedArithmetic.Apply<T, AddOp<T>>(z, s, y); return;
                case BinaryOp.Sub: CachedArithmetic.Apply<T, SubtractOp<T>>(s, z, y); return;
                case BinaryOp.Mul: CachedArithmetic.Apply<T, MultiplyOp<T>>(z, s, y); return;
                case BinaryOp.Div: CachedArithmetic.Apply<T, DivideOp<T>>(s, z, y); return;
                case BinaryOp.Maximum: TensorPrimitives.Max(z, s, y); return;
                case BinaryOp.Minimum: TensorPrimitives.Min(z, s, y); return;
            }
        }
        for (int i = 0, pa = offA, pb = offB; i < n; i++, pa += strideA, pb += strideB)
            y[i] = Apply(op, a[pa], b[pb]);
    }

    private static T Apply<T>(BinaryOp op, T x, T z) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => x + z,
        BinaryOp.Sub => x - z,
        BinaryOp.Mul => x * z,
        BinaryOp.Div => x / z,
        BinaryOp.Pow => T.Pow(x, z),
        BinaryOp.Maximum => T.IsNaN(x) || T.IsNaN(z) ? T.NaN : T.Max(x, z),
        BinaryOp.Minimum => T.IsNaN(x) || T.IsNaN(z) ? T.NaN : T.Min(x, z),
        BinaryOp.Equal => x == z ? T.One : T.Zero,
        BinaryOp.MaskPositive => z > T.Zero ? x : x * T.Zero,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    // x · step(z) without materialising the step: keeps x's bits where z > 0, and x · 0 (±0, or NaN for a
    // non-finite x) elsewhere, exactly as the two-pass product did.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaskPositive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> z, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var zv = MemoryMarshal.Cast<T, Vector<T>>(z);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < yv.Length; v++)
                yv[v] = Vector.ConditionalSelect(Vector.GreaterThan(zv[v], Vector<T>.Zero), xv[v], xv[v] * Vector<T>.Zero);
            i = yv.Length * Vector<T>.Count;
        }
        for (; i < y.Length; i++) y[i] = z[i] > T.Zero ? x[i] : x[i] * T.Zero;
    }
}
