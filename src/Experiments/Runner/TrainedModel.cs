using MusicCluster.Experiments.Encoders;

namespace MusicCluster.Experiments.Runner;

/// <summary>A model trained in a task: its checkpoint, the per-track embedding it gave, how its input was made (null when unknown),
/// and the representation the task clustered from that embedding (null until one is found).</summary>
public sealed record TrainedModel(string Name, int Seed, string Checkpoint, FeatureMatrix Embedding, EncoderInput? Input, string? Representation = null);
