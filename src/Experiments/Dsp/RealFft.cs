using System.Runtime.InteropServices;
using V = System.Numerics.Vector<float>;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Forward FFT of one real signal of any length (radix-2, or Bluestein for other lengths), like numpy.fft.rfft.</summary>
/// <remarks>Many frames at once go through the lane-parallel plan inside <see cref="Stft"/>; this entry point is for single signals.</remarks>
public static class RealFft
{
    /// <summary>Writes bins 0..n/2 of the transform of <paramref name="x"/> to <paramref name="re"/> and <paramref name="im"/>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> re, Span<float> im)
    {
        var plan = RealLaneFft<float>.For(x.Length);
        if (re.Length < plan.Bins || im.Length < plan.Bins) throw new ArgumentException($"output needs {plan.Bins} bins");
        var input = new V[x.Length];
        var lanes = MemoryMarshal.Cast<V, float>(input.AsSpan());
        for (int t = 0; t < x.Length; t++) lanes[t * V.Count] = x[t];
        var outRe = new V[plan.Bins];
        var outIm = new V[plan.Bins];
        plan.Forward(input, outRe, outIm, new V[plan.WorkLength]);
        for (int k = 0; k < plan.Bins; k++) { re[k] = outRe[k][0]; im[k] = outIm[k][0]; }
    }
}
