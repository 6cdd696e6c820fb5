namespace MusicCluster.Experiments.Runner;

/// <summary>Per-epoch losses of one trained model (reconstruction and KL separately), stored as a stage result and plotted.</summary>
public sealed record TrainingHistory(string Model, int Seed, double[] Loss, double[] Reconstruction, double[] Kl, double Seconds, int ResumedFromEpoch);
