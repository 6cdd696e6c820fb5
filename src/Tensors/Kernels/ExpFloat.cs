using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicCluster.Tensors.Kernels;

/// <summary>e^x on float32 spans in float32 arithmetic (within 2 ulp of the correctly rounded value, subnormals included).</summary>
/// <remarks>
/// x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite, two-part ln 2), e^r by Cephes' degree-6 polynomial, then two exact
/// multiplies by 2^⌊n/2⌋ and 2^(n−⌊n/2⌋), so n = 128 (up to ln FLT_MAX) and subnormal results need no special case.
/// Inputs are clamped to [−104, 88.8] first (results there are 0 and +∞ anyway); NaN is passed through.
/// TensorPrimitives.Exp computes float in double precision, about twice the work. The 512-bit, 256-bit and tail
/// paths do the same per-element arithmetic, so a value's result never depends on its position or the machine.
/// </remarks>
internal static class ExpFloat
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float RoundMagic = 12582912f; // 1.5·2²³: adding it rounds to an integer
    private const float Lowest = -104f, Highest = 88.8f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>y[i] = e^x[i]; x and y may be the same span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Exp(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("exp: destination is shorter than the input.");
        int n = x.Length, i = 0;
        ref float src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= n; i += 16) Exp512(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8) Exp256(Vector256.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        if (i == n) return;
        // The tail goes through the same vector arithmetic (a padded vector), never a different scalar formula.
        Span<float> pad = stackalloc float[8];
        while (i < n)
        {
            int m = Math.Min(8, n - i);
            pad.Clear();
            x.Slice(i, m).CopyTo(pad);
            Exp256(Vector256.Create<float>(pad)).CopyTo(pad);
            pad[..m].CopyTo(y.Slice(i, m));
            i += m;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Exp256(Vector256<float> x)
    {
        var c = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        var t = Vector256.FusedMultiplyAdd(c, Vector256.Create(Log2E), Vector256.Create(RoundMagic));
        var k = t - Vector256.Create(RoundMagic);
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Hi), c);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2Lo), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P2));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P3));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P4));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(P5));
        p = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var ki = Vector256.ConvertToInt32(k);
        var half = Vector256.ShiftRightArithmetic(ki, 1);
        var s1 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var s2 = Vector256.ShiftLeft(ki - half + Vector256.Create(127), 23).AsSingle();
        var e = p * s1 * s2;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), e, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Exp512(Vector512<float> x)
    {
        var c = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        var t = Vector512.FusedMultiplyAdd(c, Vector512.Create(Log2E), Vector512.Create(RoundMagic));
        var k = t - Vector512.Create(RoundMagic);
        var r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), c);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
        var ki = Vector512.ConvertToInt32(k);
        var half = Vector512.ShiftRightArithmetic(ki, 1);
        var s1 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        var s2 = Vector512.ShiftLeft(ki - half + Vector512.Create(127), 23).AsSingle();
        var e = p * s1 * s2;
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), e, x);
    }
}
