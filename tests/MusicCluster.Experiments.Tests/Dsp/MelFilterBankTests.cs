using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Tests.Dsp;

public class MelFilterBankTests
{
    [Fact]
    public void SlaneyAndHtkBanksAgreeWithLibrosaFormulas()
    {
        var fx = Fixture.Load("dsp/mel.json");
        foreach (var p in fx.Root.EnumerateObject())
        {
            var c = fx.Child(p.Name);
            double fmax = c.Scalar("fmax");
            var bank = new MelFilterBank((int)c.Scalar("sr"), (int)c.Scalar("n_fft"), (int)c.Scalar("n_mels"), c.Scalar("fmin"),
                fmax > 0 ? fmax : null, c.Scalar("htk") == 1 ? MelScale.Htk : MelScale.Slaney, c.Scalar("slaney_norm") == 1);
            Assert.Equal<int>(c.Shape("weights"), new[] { bank.Mels, bank.Bins });
            Agreement.Close(c.Doubles("weights"), bank.Weights, p.Name);
        }
    }

    [Theory]
    [InlineData(MelScale.Slaney)]
    [InlineData(MelScale.Htk)]
    public void MelScaleRoundTrips(MelScale scale)
    {
        foreach (double hz in new[] { 0.0, 20, 500, 999.9, 1000, 1000.1, 4000, 11025 })
            Assert.Equal(hz, MelFilterBank.MelToHz(MelFilterBank.HzToMel(hz, scale), scale), 1e-9);
        Assert.Equal(15.0, MelFilterBank.HzToMel(1000, MelScale.Slaney), 12);
    }
}
