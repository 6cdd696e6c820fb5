using System.Text.Json;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Encoders;

/// <summary>What <c>encode</c> needs besides the weights: the feature settings, the input scaling, and the scaling the run applied
/// to the embedding before clustering it. Stored as JSON under <see cref="MetadataKey"/> in the checkpoint's metadata.</summary>
/// <param name="Task">The task that trained the model.</param>
/// <param name="Representation">The representation the run clustered from this model's embedding, or null when none matched.</param>
/// <param name="Features">The audio analysis settings of the run.</param>
/// <param name="Input">How the model's input was made.</param>
/// <param name="OutputMean">Column means subtracted from the per-track embedding before clustering (null: the raw embedding was clustered).</param>
/// <param name="OutputScale">Column deviations the centred embedding was divided by.</param>
public sealed record EncoderSpec(string Task, string? Representation, FeatureConfig Features, EncoderInput Input, double[]? OutputMean, double[]? OutputScale)
{
    /// <summary>The metadata key.</summary>
    public const string MetadataKey = "musiccluster.encoder";

    /// <summary>The spec stored in <paramref name="metadata"/>, or null when the checkpoint has none.</summary>
    public static EncoderSpec? Read(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(MetadataKey, out var json)) return null;
        try
        {
            var spec = JsonSerializer.Deserialize<EncoderSpec>(json, ConfigJson.Options) ?? throw new JsonException("null");
            if (spec.Input is null || spec.Features is null) throw new JsonException("input or features missing");
            return spec;
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: the checkpoint's encoder metadata is not valid ({e.Message})", e);
        }
    }

    /// <summary>Rewrites <paramref name="checkpoint"/> (atomically) with this spec in its metadata; nothing is written when it is already there.</summary>
    public void AttachTo(string checkpoint)
    {
        var content = SafeTensorsFile.Read<float>(checkpoint);
        string json = JsonSerializer.Serialize(this, ConfigJson.Options);
        if (content.Metadata.TryGetValue(MetadataKey, out var existing) && existing == json) return;
        var metadata = new Dictionary<string, string>(content.Metadata, StringComparer.Ordinal) { [MetadataKey] = json };
        SafeTensorsFile.Write(checkpoint, content.Tensors, metadata);
    }
}
