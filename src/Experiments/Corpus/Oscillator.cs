namespace MusicCluster.Experiments.Corpus;

/// <summary>Table-lookup sine with a 32-bit phase accumulator: cheap and exactly reproducible.</summary>
internal static class Oscillator
{
    private const int Bits = 12;
    private const int Size = 1 << Bits;
    private const int FracBits = 32 - Bits;
    private const float FracScale = 1f / (1 << FracBits);
    private static readonly float[] Table = Build();

    /// <summary>The phase step of a frequency at a sample rate (one full turn is 2^32).</summary>
    public static uint Increment(double frequency, int sampleRate) => (uint)(long)(frequency / sampleRate * 4294967296.0);

    /// <summary>sin(2π · phase / 2^32), linearly interpolated.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static float Sin(uint phase)
    {
        // i < Size always (phase >> 20 is 12 bits), and the table has Size + 1 entries, so no bounds check is needed.
        nuint i = phase >> FracBits;
        float f = (phase & ((1u << FracBits) - 1)) * FracScale;
        ref float t = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Table);
        float a = System.Runtime.CompilerServices.Unsafe.Add(ref t, i);
        return a + (System.Runtime.CompilerServices.Unsafe.Add(ref t, i + 1) - a) * f;
    }

    /// <summary>A phase offset for a modulation value in radians (phase modulation for FM).</summary>
    public static uint PhaseOf(float radians) => unchecked((uint)(int)(radians * (float)(4294967296.0 / (2 * Math.PI) / 2)) * 2u);

    private static float[] Build()
    {
        var t = new float[Size + 1];
        for (int i = 0; i <= Size; i++) t[i] = (float)Math.Sin(2 * Math.PI * i / Size);
        return t;
    }
}
