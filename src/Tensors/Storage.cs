using System.Numerics;

namespace MusicCluster.Tensors;

/// <summary>A flat buffer of elements owned by one backend; tensors are views (shape, strides, offset) over it.</summary>
public abstract class Storage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of elements.</summary>
    public abstract int Length { get; }

    /// <summary>The backend that allocated this storage and runs kernels on it.</summary>
    public abstract ITensorBackend Backend { get; }
}

/// <summary>Host storage: a managed array.</summary>
public sealed class CpuStorage<T>(T[] array) : Storage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The elements.</summary>
    public T[] Array { get; } = array;

    /// <inheritdoc />
    public override int Length => Array.Length;

    /// <inheritdoc />
    public override ITensorBackend Backend => CpuBackend.Instance;
}
