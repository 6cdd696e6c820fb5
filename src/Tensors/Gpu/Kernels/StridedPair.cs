namespace MusicCluster.Tensors.Gpu.Kernels;

/// <summary>A shape walked in row-major order with two strided operands (a, b), as one kernel argument.</summary>
/// <remarks>Built on the host with size-1 axes dropped and compatible neighbours merged, so most calls are rank 1.</remarks>
public struct StridedPair
{
    /// <summary>The most axes a kernel walks after merging.</summary>
    public const int MaxRank = 8;

    public int Rank;
    public Dims8 Shape, StridesA, StridesB;
    public int OffsetA, OffsetB;

    /// <summary>The offsets into a and b of the element at row-major position <paramref name="index"/>.</summary>
    public readonly void Locate(int index, out int a, out int b)
    {
        a = OffsetA; b = OffsetB;
        int rest = index;
        for (int ax = Rank - 1; ax >= 0; ax--)
        {
            int n = Shape.Get(ax);
            int i = rest % n;
            rest /= n;
            a += i * StridesA.Get(ax);
            b += i * StridesB.Get(ax);
        }
    }

    /// <summary>Merges the axes of a two-operand strided walk; throws when more than <see cref="MaxRank"/> axes remain.</summary>
    public static StridedPair Create(int[] shape, int[] stridesA, int offsetA, int[] stridesB, int offsetB)
    {
        var p = new StridedPair { OffsetA = offsetA, OffsetB = offsetB };
        Span<int> sh = stackalloc int[shape.Length + 1], sa = stackalloc int[shape.Length + 1], sb = stackalloc int[shape.Length + 1];
        int r = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            if (r > 0 && sa[r - 1] == stridesA[i] * shape[i] && sb[r - 1] == stridesB[i] * shape[i])
            {
                sh[r - 1] *= shape[i]; sa[r - 1] = stridesA[i]; sb[r - 1] = stridesB[i];
                continue;
            }
            sh[r] = shape[i]; sa[r] = stridesA[i]; sb[r] = stridesB[i]; r++;
        }
        if (r == 0) { sh[0] = 1; sa[0] = 0; sb[0] = 0; r = 1; }
        if (r > MaxRank)
            throw new NotSupportedException($"GPU strided walk over shape {TensorShape.Format(shape)} needs {r} axes after merging; at most {MaxRank} are supported");
        p.Rank = r;
        for (int i = 0; i < r; i++) { p.Shape.Set(i, sh[i]); p.StridesA.Set(i, sa[i]); p.StridesB.Set(i, sb[i]); }
        return p;
    }
}
