namespace MusicCluster.Experiments.Runner;

/// <summary>One block of a block-weighted representation: a descriptor group or an embedding, with its weight.</summary>
/// <param name="Name">The block's name (a descriptor group, "lyrics", a model).</param>
/// <param name="Matrix">Its columns, one row per track.</param>
/// <param name="Weight">Its total variance after scaling is Weight².</param>
/// <param name="Standardise">Standardise each column first (columns in unrelated units); false keeps an embedding's column proportions.</param>
public sealed record FeatureBlock(string Name, FeatureMatrix Matrix, double Weight, bool Standardise);
