using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary>The stages of one track's feature extraction, run one at a time so each can be timed.</summary>
internal sealed class ExtractionStages
{
    private readonly List<(string Name, Action<State> Run)> _stages = [];

    /// <summary>Intermediate results passed from stage to stage.</summary>
    internal sealed class State(float[] samples)
    {
        public float[] Samples { get; } = samples;
        public SpectralPass? Pass;
        public FeatureMatrix? Mfcc, Mel;
        public float[]? Onset;
    }

    public int Count => _stages.Count;
    public string Name(int i) => _stages[i].Name;
    public State Start(float[] samples) => new(samples);
    public void Run(int i, State s) => _stages[i].Run(s);

    public static ExtractionStages For(SpectralSettings spectral, int patchFrames)
    {
        var lm = spectral.LogMel;
        var x = new ExtractionStages();
        void Add(string name, Action<State> run) => x._stages.Add((name, run));
        // The order and calls of FeatureExtraction.Compute after decoding.
        Add("spectral pass (f64 STFT: shape, mel, chroma, contrast; zcr, rms)", s => s.Pass = SpectralPass.Run(s.Samples, spectral, descriptors: true, parallel: false));
        Add("mfcc", s => s.Mfcc = Dsp.Mfcc.FromLogMel(s.Pass!.LogMel, spectral.Coefficients));
        Add("spectral statistics (mean/std)", s => SpectralStatistics.FromFrames(s.Pass!.Series, s.Pass.LogMel, s.Mfcc!));
        Add("deltas", s => { Delta.Compute(s.Mfcc!, 1); Delta.Compute(s.Mfcc!, 2); });
        Add("onset", s => s.Onset = OnsetStrength.FromLogMel(s.Pass!.LogMel, lm.NFft, lm.HopLength));
        Add("tempogram", s => Tempogram.Compute(s.Onset!));
        Add("tempo", s => Tempogram.Tempo(s.Onset!, lm.SampleRate, lm.HopLength));
        Add("modulation", s => ModulationSpectrum.Compute(s.Pass!.LogMel, (double)lm.SampleRate / lm.HopLength, Descriptors.ModulationBands));
        Add("log-mel for patches (f32 STFT)", s => s.Mel = LogMelSpectrogram.Compute(s.Samples, lm, parallel: false));
        Add("patches", s => LogMelPatches.Extract(s.Mel!, patchFrames));
        return x;
    }
}
