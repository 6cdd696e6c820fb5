namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>Up to eight integers passed to a kernel by value (shapes, strides): kernels take no managed arrays.</summary>
public struct Dims8
{
    public int D0, D1, D2, D3, D4, D5, D6, D7;

    /// <summary>Component <paramref name="i"/> (0…7).</summary>
    public readonly int Get(int i) => i switch
    {
        0 => D0, 1 => D1, 2 => D2, 3 => D3, 4 => D4, 5 => D5, 6 => D6, _ => D7,
    };

    /// <summary>Sets component <paramref name="i"/> (0…7).</summary>
    public void Set(int i, int value)
    {
        switch (i)
        {
            case 0: D0 = value; break;
            case 1: D1 = value; break;
            case 2: D2 = value; break;
            case 3: D3 = value; break;
            case 4: D4 = value; break;
            case 5: D5 = value; break;
            case 6: D6 = value; break;
            default: D7 = value; break;
        }
    }
}
