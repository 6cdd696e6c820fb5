namespace MusicCluster.Experiments.Runner;

/// <summary>What one trained model leaves behind: its loss history, the per-track embedding, and ReconCount sample inputs (ReconHeight×ReconWidth each, flattened) with their reconstructions decode(μ).</summary>
/// <remarks>HeldOutMse is the mean squared error per element of decode(μ) on the held-out samples; MeanSampleMse that of predicting
/// every held-out sample by the mean training sample (NaN without a held-out split). A model that learned something is below it.</remarks>
public sealed record ModelRun(TrainingHistory History, FeatureMatrix Embedding, float[] ReconInputs, float[] Reconstructions, int ReconCount, int ReconHeight, int ReconWidth,
    double HeldOutMse = double.NaN, double MeanSampleMse = double.NaN, int HeldOut = 0, int EpochsRun = 0);
