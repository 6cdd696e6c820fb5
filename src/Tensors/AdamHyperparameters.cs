using System.Numerics;

namespace MusicCluster.Tensors;

/// <summary>The scalars of one Adam step; <see cref="Step"/> counts from 1 and drives bias correction.</summary>
public readonly record struct AdamHyperparameters<T>(T LearningRate, T Beta1, T Beta2, T Epsilon, T WeightDecay, bool DecoupledWeightDecay, int Step)
    where T : unmanaged, IFloatingPointIeee754<T>;
