using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class RealFftTests
{
    [Fact]
    public void AgreesWithNumpyRfftForPowerOfTwoAndOtherLengths()
    {
        var fx = Fixture.Load("dsp/fft.json");
        int cases = 0;
        foreach (var p in fx.Root.EnumerateObject())
        {
            var c = fx.Child(p.Name);
            var x = c.Floats("x");
            int bins = x.Length / 2 + 1;
            var re = new float[bins];
            var im = new float[bins];
            RealFft.Forward(x, re, im);
            Agreement.Close(c.Doubles("re"), re, $"{p.Name} re");
            Agreement.Close(c.Doubles("im"), im, $"{p.Name} im");
            cases++;
        }
        Assert.True(cases >= 10);
    }

    [Theory]
    [InlineData(6)] [InlineData(7)] [InlineData(9)] [InlineData(30)] [InlineData(31)] [InlineData(96)] [InlineData(127)] [InlineData(128)] [InlineData(441)]
    public void MatchesDirectDftInDouble(int n)
    {
        var x = TestSignals.LcgNoise(n, (uint)n);
        var xf = Array.ConvertAll(x, v => (float)v);
        int bins = n / 2 + 1;
        var re = new float[bins];
        var im = new float[bins];
        RealFft.Forward(xf, re, im);
        var eRe = new double[bins];
        var eIm = new double[bins];
        for (int k = 0; k < bins; k++)
            for (int j = 0; j < n; j++)
            {
                double a = -2 * Math.PI * ((long)j * k % n) / n;
                eRe[k] += xf[j] * Math.Cos(a);
                eIm[k] += xf[j] * Math.Sin(a);
            }
        Agreement.Close(eRe, re, "re");
        Agreement.Close(eIm, im, "im");
    }
}
