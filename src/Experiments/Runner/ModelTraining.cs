using System.Text.Json;
using MusicCluster.Experiments.Data;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;
using MusicCluster.Models.Training;
using MusicCluster.Tensors;

namespace MusicCluster.Experiments.Runner;

/// <summary>Trains a model with a checkpoint after every epoch, so a killed run continues from its last finished epoch.</summary>
public static class ModelTraining
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="data"/>; resumes from <c>NAME.training.safetensors</c> in <paramref name="checkpointDir"/> when present.</summary>
    /// <remarks>The final weights go to <c>NAME.safetensors</c>; the training checkpoint (with optimizer state) is removed when training ends.</remarks>
    public static TrainingHistory Train(VaeModel model, Tensor<float> data, TrainingConfig config, int seed, string name, string checkpointDir,
        RunConsole console, string description)
        => Train(model, (trainer, report) => trainer.Fit(data, report), Options(config, seed), config, seed, name, checkpointDir, console, description);

    /// <summary>Trains <paramref name="model"/> on patches streamed from <paramref name="data"/>, holding out <paramref name="validation"/>
    /// for the validation loss and early stopping; checkpoints and resumes as the in-memory overload does.</summary>
    public static TrainingHistory Train(VaeModel model, IBatchSource data, IBatchSource? validation, TrainingConfig config, int seed, string name,
        string checkpointDir, RunConsole console, string description)
        => Train(model, (trainer, report) => trainer.Fit(data, report, validation),
            validation is null ? Options(config, seed) with { ValidationFraction = 0, Patience = 0 } : Options(config, seed), config, seed, name, checkpointDir, console, description);

    private static TrainingHistory Train(VaeModel model, Func<Trainer, Action<EpochReport>, IReadOnlyList<EpochReport>> fit, TrainerOptions options,
        TrainingConfig config, int seed, string name, string checkpointDir, RunConsole console, string description)
    {
        Directory.CreateDirectory(checkpointDir);
        string resumePath = Path.Combine(checkpointDir, name + ".training.safetensors");
        string historyPath = Path.Combine(checkpointDir, name + ".history.json");
        var trainer = new Trainer(model, new Adam<float>(model.NamedParameters(), config.LearningRate), options);
        var loss = new List<double>();
        var recon = new List<double>();
        var kl = new List<double>();
        double seconds = 0;
        int resumedFrom = 0;
        if (File.Exists(resumePath) && File.Exists(historyPath))
        {
            // Kept so that a resume that fails half-way still restarts from the untrained model, as a fresh run would.
            var initialState = model.StateDict().ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
            var initialRng = model.Rng.GetState();
            try
            {
                // The history is checked first: ResumeTraining changes the model only once everything in it checked out.
                var h = SealedJson.TryRead<TrainingHistory>(historyPath, out string? problem) ?? throw new InvalidDataException($"{historyPath} {problem}");
                Checkpoint.ResumeTraining(resumePath, trainer);
                int e = trainer.CompletedEpochs;
                if (h.Loss.Length < e) throw new InvalidDataException($"{historyPath} has {h.Loss.Length} epochs, the checkpoint {e}");
                loss.AddRange(h.Loss[..e]);
                recon.AddRange(h.Reconstruction[..e]);
                kl.AddRange(h.Kl[..e]);
                seconds = h.Seconds;
                resumedFrom = e;
                console.Line($"  resuming {description} from epoch {e} of {config.Epochs}");
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or IOException or ArgumentException)
            {
                // A checkpoint of another configuration or a damaged one: train from scratch with a fresh model.
                console.Line($"  warning: cannot resume {description} ({ex.Message}); training from scratch");
                model.LoadStateDict(initialState);
                model.Rng.SetState(initialRng);
                File.Delete(resumePath);
                File.Delete(historyPath);
                return Train(model, fit, options, config, seed, name, checkpointDir, console, description);
            }
        }
        console.Progress(description, config.Epochs, trainer.CompletedEpochs, tick =>
        {
            fit(trainer, report =>
            {
                loss.Add(report.Loss);
                recon.Add(report.Reconstruction);
                kl.Add(report.Kl);
                seconds += report.Seconds;
                // History first: a kill between the two writes leaves a history one epoch ahead, which a resume trims.
                SealedJson.Write(historyPath, new TrainingHistory(model.Kind, seed, [.. loss], [.. recon], [.. kl], seconds, resumedFrom));
                Checkpoint.SaveTraining(resumePath, trainer);
                tick(report.Epoch, $"loss {report.Loss:G4} (recon {report.Reconstruction:G4}, KL {report.Kl:G4})");
            });
        });
        Checkpoint.SaveModel(Path.Combine(checkpointDir, name + ".safetensors"), model, trainer.CompletedEpochs);
        File.Delete(resumePath);
        File.Delete(historyPath);
        return new TrainingHistory(model.Kind, seed, [.. loss], [.. recon], [.. kl], seconds, resumedFrom);
    }

    /// <summary>The trainer settings of <paramref name="config"/> for one seed (validation split and early stopping included).</summary>
    public static TrainerOptions Options(TrainingConfig config, int seed) =>
        new(config.Epochs, config.Batch, (ulong)seed, config.KlWarmupEpochs, config.ValidationFraction, config.Patience);

    /// <summary>The samples the trainer held out for validation (sorted); the split depends only on the seed and the sample count.</summary>
    public static int[] HeldOutRows(VaeModel model, TrainingConfig config, int seed, int samples) =>
        new Trainer(model, new Adam<float>(model.NamedParameters(), config.LearningRate), Options(config, seed)).ValidationRows(samples);

    /// <summary>Loads the final weights of a model trained earlier in this task folder.</summary>
    public static void LoadFinal(VaeModel model, string name, string checkpointDir) =>
        Checkpoint.LoadInto(Path.Combine(checkpointDir, name + ".safetensors"), model);
}
