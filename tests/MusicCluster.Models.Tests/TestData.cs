using MusicCluster.Tensors;

namespace MusicCluster.Models.Tests;

/// <summary>Helpers shared by the model tests.</summary>
internal static class TestData
{
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "models", name);

    public static Tensor<float> FloatTensor(Fixture f, string name) => Tensor<float>.FromArray(f.Floats(name), f.Shape(name));

    public static Tensor<double> RandomDouble(ulong seed, params int[] shape) => Tensor<double>.Uniform(new SeededRandom(seed), -1.0, 1.0, shape);

    /// <summary>Asserts |a − b| ≤ atol + rtol·|b| element-wise, naming the first failing index.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double atol, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (!(Math.Abs(a - e) <= atol + rtol * Math.Abs(e)))
                Assert.Fail($"{what}[{i}]: expected {e}, got {a} (|diff| {Math.Abs(a - e):g3})");
        }
    }

    /// <summary>Smooth sinusoidal patches [n, c, h, w], deterministic in the seed (like log-mel patches after scaling).</summary>
    public static Tensor<float> StructuredPatches(int n, int c, int h, int w, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var data = new float[n * c * h * w];
        int p = 0;
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
            {
                double fy = 0.05 + 0.35 * rng.NextDouble(), fx = 0.05 + 0.35 * rng.NextDouble(), ph = 6.28 * rng.NextDouble();
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        data[p++] = (float)(Math.Sin(fy * y + ph) * Math.Cos(fx * x));
            }
        return Tensor<float>.Wrap(data, n, c, h, w);
    }
}
