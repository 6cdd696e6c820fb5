namespace MusicCluster.Experiments.Runner;

/// <summary>What one trained model leaves behind: its loss history, the per-track embedding, and ReconCount sample inputs (ReconHeight×ReconWidth each, flattened) with their reconstructions decode(μ).</summary>
public sealed record ModelRun(TrainingHistory History, FeatureMatrix Embedding, float[] ReconInputs, float[] Reconstructions, int ReconCount, int ReconHeight, int ReconWidth);
