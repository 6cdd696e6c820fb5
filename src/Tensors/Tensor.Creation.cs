using System.Numerics;

namespace MusicCluster.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>Zeros on the CPU.</summary>
    public static Tensor<T> Zeros(params int[] shape) => ZerosOn(CpuBackend.Instance, shape);

    /// <summary>Zeros on <paramref name="backend"/>.</summary>
    public static Tensor<T> ZerosOn(ITensorBackend backend, params int[] shape)
        => new(backend.Allocate<T>(TensorShape.Numel(shape)), (int[])shape.Clone());

    /// <summary>A tensor whose elements are unspecified: only for outputs that are then written completely.</summary>
    internal static Tensor<T> EmptyOn(ITensorBackend backend, int[] shape)
        => new(backend.AllocateUninitialized<T>(TensorShape.Numel(shape)), (int[])shape.Clone());

    /// <summary>Ones on the CPU.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>A constant on the CPU.</summary>
    public static Tensor<T> Full(T value, params int[] shape) => FullOn(CpuBackend.Instance, value, shape);

    /// <summary>A constant on <paramref name="backend"/>.</summary>
    public static Tensor<T> FullOn(ITensorBackend backend, T value, params int[] shape)
    {
        var t = ZerosOn(backend, shape);
        if (value != T.Zero) backend.Fill(t.Storage, value);
        return t;
    }

    /// <summary>A rank-0 tensor holding one value, on <paramref name="backend"/> (CPU by default).</summary>
    public static Tensor<T> Scalar(T value, ITensorBackend? backend = null) => FullOn(backend ?? CpuBackend.Instance, value);

    /// <summary>0, 1, …, n − 1.</summary>
    public static Tensor<T> Arange(int n)
    {
        var data = new T[n];
        for (int i = 0; i < n; i++) data[i] = T.CreateTruncating(i);
        return Wrap(data, n);
    }

    /// <summary>A CPU tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor<T> FromArray(ReadOnlySpan<T> data, params int[] shape)
    {
        CheckLength(data.Length, shape);
        return new Tensor<T>(new CpuStorage<T>(data.ToArray()), (int[])shape.Clone());
    }

    /// <summary>A CPU tensor over <paramref name="data"/> without copying: later writes to the array show through.</summary>
    public static Tensor<T> Wrap(T[] data, params int[] shape)
    {
        CheckLength(data.Length, shape);
        return new Tensor<T>(new CpuStorage<T>(data), (int[])shape.Clone());
    }

    /// <summary>Uniform samples in [low, high) from <paramref name="rng"/>, on the CPU.</summary>
    public static Tensor<T> Uniform(SeededRandom rng, T low, T high, params int[] shape)
    {
        var data = new T[TensorShape.Numel(shape)];
        rng.FillUniform<T>(data, low, high);
        return Wrap(data, shape);
    }

    /// <summary>Normal samples from <paramref name="rng"/>, on the CPU.</summary>
    public static Tensor<T> Normal(SeededRandom rng, T mean, T std, params int[] shape)
    {
        var data = new T[TensorShape.Numel(shape)];
        rng.FillNormal<T>(data, mean, std);
        return Wrap(data, shape);
    }

    /// <summary>Zeros with this tensor's shape and backend.</summary>
    public Tensor<T> ZerosLike() => ZerosOn(Backend, Shape);

    /// <summary>A constant with this tensor's shape and backend.</summary>
    public Tensor<T> FullLike(T value) => FullOn(Backend, value, Shape);

    private static void CheckLength(int length, int[] shape)
    {
        int n = TensorShape.Numel(shape);
        if (n != length) throw new ArgumentException($"shape {TensorShape.Format(shape)} holds {n} elements but {length} were given");
    }
}
