using System.Globalization;
using System.Text.Json;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Checkpoints;

/// <summary>Saves and restores models (and whole training runs) as safetensors files.</summary>
/// <remarks>
/// Model tensors keep their PyTorch names; a training checkpoint adds the optimizer's state under <c>optimizer.</c> and the
/// best weights (early stopping) under <c>best.</c>. <c>__metadata__</c> holds the format tag, model kind and config JSON,
/// the epoch, the generator states and the trainer's record. Loading checks everything before changing anything.
/// </remarks>
public static class Checkpoint
{
    /// <summary>The format tag written to every checkpoint.</summary>
    public const string Format = "musiccluster.checkpoint.v1";

    private const string OptimizerPrefix = "optimizer.", BestPrefix = "best.";

    /// <summary>Writes the model's weights and buffers with its configuration (and <paramref name="epoch"/>) atomically.</summary>
    public static void SaveModel(string path, VaeModel model, int epoch = 0)
        => SafeTensorsFile.Write(path, model.StateDict(), ModelMetadata(model, epoch));

    /// <summary>Creates the model a checkpoint describes and loads its weights.</summary>
    public static VaeModel LoadModel(string path)
    {
        var content = SafeTensorsFile.Read<float>(path);
        // The metadata sizes the model before any tensor is checked: refuse a config far larger than the file's tensors.
        long stored = 0;
        foreach (var (_, t) in content.Tensors) stored += t.Length;
        if (content.Metadata.TryGetValue("kind", out var kind) && content.Metadata.TryGetValue("config", out var config)
            && ModelSize.Weights(kind, config) is var weights && weights > 2 * stored + 4096)
            throw new InvalidDataException($"{path}: the checkpoint's config describes a {kind} of about {weights} weights but the file holds {stored} values");
        var model = Create(content.Metadata, path);
        Apply(model, content, path);
        return model;
    }

    /// <summary>Loads a checkpoint's weights into an existing model of the same kind; on any error the model is unchanged.</summary>
    public static void LoadInto(string path, VaeModel model) => Apply(model, SafeTensorsFile.Read<float>(path), path);

    /// <summary>Writes everything a run needs to continue: weights, optimizer state, generator states, epoch and early-stopping record.</summary>
    public static void SaveTraining(string path, Trainer trainer)
    {
        var tensors = new List<KeyValuePair<string, Tensor<float>>>(trainer.Model.StateDict());
        foreach (var (name, t) in trainer.Optimizer.StateTensors()) tensors.Add(new(OptimizerPrefix + name, t));
        if (trainer.BestState is not null)
            foreach (var (name, t) in trainer.BestState) tensors.Add(new(BestPrefix + name, t));
        var meta = ModelMetadata(trainer.Model, trainer.CompletedEpochs);
        foreach (var (k, v) in trainer.Optimizer.StateMetadata()) meta[OptimizerPrefix + k] = v;
        meta["rng.shuffle"] = FormatState(trainer.ShuffleRng.GetState());
        meta["trainer.best_loss"] = trainer.BestValidationLoss.ToString("R", CultureInfo.InvariantCulture);
        meta["trainer.best_epoch"] = trainer.BestEpoch.ToString(CultureInfo.InvariantCulture);
        meta["trainer.stopped_early"] = trainer.StoppedEarly ? "true" : "false";
        SafeTensorsFile.Write(path, tensors, meta);
    }

    /// <summary>Restores a run saved by <see cref="SaveTraining"/> into a trainer built with the same model config and optimizer kind.</summary>
    public static void ResumeTraining(string path, Trainer trainer)
    {
        var content = SafeTensorsFile.Read<float>(path);
        // A run only resumes from state it wrote itself, and only when every byte is as written.
        if (!content.ChecksumVerified) throw new InvalidDataException($"{path}: the training checkpoint carries no checksum, so it cannot be trusted");
        var meta = content.Metadata;
        var model = trainer.Model;
        CheckKind(model, meta, path);
        if (!meta.TryGetValue("config", out var config) || config != model.ConfigJson)
            throw new InvalidDataException($"{path}: the checkpoint's model config {(config ?? "(none)")} differs from the trainer's {model.ConfigJson}");

        var modelState = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        var optimizerState = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        var bestState = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var (name, t) in content.Tensors)
        {
            if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerState[name[OptimizerPrefix.Length..]] = t;
            else if (name.StartsWith(BestPrefix, StringComparison.Ordinal)) bestState[name[BestPrefix.Length..]] = t;
            else modelState[name] = t;
        }
        var optimizerMeta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in meta) if (k.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerMeta[k[OptimizerPrefix.Length..]] = v;

        // Parse and check everything first; only then change the model, the optimizer and the trainer.
        int epoch = ReadInt(meta, "epoch", path);
        var modelRng = ReadState(meta, "rng.model", path);
        var shuffleRng = ReadState(meta, "rng.shuffle", path);
        double bestLoss = double.TryParse(Get(meta, "trainer.best_loss", path), NumberStyles.Float, CultureInfo.InvariantCulture, out double bl) ? bl
            : throw new InvalidDataException($"{path}: trainer.best_loss is not a number");
        int bestEpoch = ReadInt(meta, "trainer.best_epoch", path);
        bool stopped = Get(meta, "trainer.stopped_early", path) == "true";
        Try(path, () => model.ValidateStateDict(modelState));
        if (bestState.Count > 0) Try(path, () => model.ValidateStateDict(bestState));
        var optimizerBackup = (Tensors: Copy(trainer.Optimizer.StateTensors()), Meta: trainer.Optimizer.StateMetadata());
        Try(path, () => trainer.Optimizer.LoadState(optimizerState, optimizerMeta));
        try
        {
            model.LoadStateDict(modelState);
        }
        catch
        {
            trainer.Optimizer.LoadState(optimizerBackup.Tensors, optimizerBackup.Meta);
            throw;
        }
        model.Rng.SetState(modelRng);
        trainer.ShuffleRng.SetState(shuffleRng);
        trainer.CompletedEpochs = epoch;
        trainer.BestValidationLoss = bestLoss;
        trainer.BestEpoch = bestEpoch;
        trainer.StoppedEarly = stopped;
        trainer.BestState = bestState.Count > 0 ? bestState : null;
    }

    /// <summary>Builds an untrained model from checkpoint metadata (kind and config).</summary>
    public static VaeModel Create(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string kind = Get(metadata, "kind", source), config = Get(metadata, "config", source);
        ulong seed = metadata.TryGetValue("seed", out var s) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v) ? v : 0;
        try
        {
            return kind switch
            {
                "Vae" => new Vae(Deserialize<VaeConfig>(config), seed),
                "ConvVae" => new ConvVae(Deserialize<ConvVaeConfig>(config), seed),
                "BetaVae" => new BetaVae(Deserialize<ConvVaeConfig>(config), Deserialize<ConvVaeConfig>(config).Beta, seed),
                "Autoencoder" => new Autoencoder(Deserialize<ConvVaeConfig>(config), seed),
                _ => throw new InvalidDataException($"{source}: unknown model kind '{kind}' (expected Vae, ConvVae, BetaVae or Autoencoder)"),
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{source}: invalid {kind} config {config}: {e.Message}", e);
        }
    }

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json) ?? throw new JsonException("null config");

    private static void Apply(VaeModel model, SafeTensorsContent<float> content, string path)
    {
        CheckKind(model, content.Metadata, path);
        var state = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var (name, t) in content.Tensors)
            if (!name.StartsWith(OptimizerPrefix, StringComparison.Ordinal) && !name.StartsWith(BestPrefix, StringComparison.Ordinal)) state[name] = t;
        Try(path, () => model.LoadStateDict(state));
    }

    private static void CheckKind(VaeModel model, IReadOnlyDictionary<string, string> meta, string path)
    {
        if (meta.TryGetValue("format", out var format) && format != Format)
            throw new InvalidDataException($"{path}: checkpoint format '{format}' is not supported (expected {Format})");
        if (meta.TryGetValue("kind", out var kind) && kind != model.Kind)
            throw new InvalidDataException($"{path}: checkpoint holds a {kind}, not a {model.Kind}");
    }

    private static Dictionary<string, string> ModelMetadata(VaeModel model, int epoch) => new(StringComparer.Ordinal)
    {
        ["format"] = Format,
        ["kind"] = model.Kind,
        ["config"] = model.ConfigJson,
        ["seed"] = model.Seed.ToString(CultureInfo.InvariantCulture),
        ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
        ["rng.model"] = FormatState(model.Rng.GetState()),
    };

    private static Dictionary<string, Tensor<float>> Copy(IReadOnlyList<KeyValuePair<string, Tensor<float>>> tensors)
    {
        var d = new Dictionary<string, Tensor<float>>(StringComparer.Ordinal);
        foreach (var (k, v) in tensors) d[k] = v.Clone();
        return d;
    }

    private static void Try(string path, Action action)
    {
        try { action(); }
        catch (Exception e) when (e is StateDictMismatchException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static string Get(IReadOnlyDictionary<string, string> meta, string key, string source)
        => meta.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{source}: checkpoint metadata has no '{key}'");

    private static int ReadInt(IReadOnlyDictionary<string, string> meta, string key, string source)
        => int.TryParse(Get(meta, key, source), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
            : throw new InvalidDataException($"{source}: checkpoint metadata '{key}' = '{meta[key]}' is not a non-negative integer");

    private static string FormatState(ulong[] words) => string.Join(",", Array.ConvertAll(words, w => w.ToString("x16", CultureInfo.InvariantCulture)));

    private static ulong[] ReadState(IReadOnlyDictionary<string, string> meta, string key, string source)
    {
        var parts = Get(meta, key, source).Split(',');
        var words = new ulong[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
                throw new InvalidDataException($"{source}: checkpoint metadata '{key}' is not a generator state");
        if (words.Length != 4 || (words[0] | words[1] | words[2] | words[3]) == 0)
            throw new InvalidDataException($"{source}: checkpoint metadata '{key}' is not a valid generator state");
        return words;
    }
}
