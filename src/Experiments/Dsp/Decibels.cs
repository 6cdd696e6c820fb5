using System.Numerics.Tensors;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Power to decibels, as librosa.power_to_db: 10·log10(max(amin, S)) − 10·log10(max(amin, ref)), then top_db clipping.</summary>
public static class Decibels
{
    /// <summary>Converts <paramref name="s"/> in place. <paramref name="reference"/> null means the maximum of <paramref name="s"/>.</summary>
    public static void PowerToDb(Span<float> s, double? reference = 1.0, double amin = 1e-10, double? topDb = 80.0)
    {
        if (s.Length == 0) return;
        double refValue = reference ?? TensorPrimitives.Max(s);
        float offset = (float)(10.0 * Math.Log10(Math.Max(amin, refValue)));
        TensorPrimitives.Max(s, (float)amin, s);
        TensorPrimitives.Log10(s, s);
        TensorPrimitives.Multiply(s, 10f, s);
        TensorPrimitives.Subtract(s, offset, s);
        if (topDb is double t)
        {
            float floor = TensorPrimitives.Max(s) - (float)t;
            TensorPrimitives.Max(s, floor, s);
        }
    }
}
