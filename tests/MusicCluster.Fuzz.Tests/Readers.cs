using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Runner;
using MusicCluster.Models.Checkpoints;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Every reader of bytes from users or from disk, one line each. A new reader (say a FLAC decoder) is one more line here,
/// with a seed generator in <see cref="Seeds"/> and the mutations that suit its container (<see cref="Mutators.Bytes"/> at least).</summary>
public static class Readers
{
    public static readonly FuzzTarget[] All =
    [
        new("wav", "input.wav", Seeds.Wav, Mutators.Riff, path => AudioDecoder.Decode(path, warn: _ => { })),
        new("flac", "input.flac", Seeds.Flac, Mutators.Bytes, path => AudioDecoder.Decode(path, warn: _ => { }, decoder: DecoderChoice.Managed)),
        new("mp3", "input.mp3", Seeds.Mp3, Mutators.Bytes, path => AudioDecoder.Decode(path, warn: _ => { }, decoder: DecoderChoice.Managed)),
        new("vorbis", "input.ogg", Seeds.Vorbis, Mutators.Ogg, path => AudioDecoder.Decode(path, warn: _ => { }, decoder: DecoderChoice.Managed)),
        new("opus", "input.opus", Seeds.Opus, Mutators.Ogg, path => AudioDecoder.Decode(path, warn: _ => { }, decoder: DecoderChoice.Managed)),
        new("manifest", "tracks.csv", Seeds.Manifest, Mutators.Csv, path => Manifest.Load(path), Seeds.PrepareManifest),
        new("npy", "input.npy", Seeds.Npy, Mutators.Npy, path => MatrixFile.Read(path)),
        new("csv-matrix", "input.csv", Seeds.CsvMatrix, Mutators.Csv, path => MatrixFile.Read(path)),
        new("labels", "labels.csv", Seeds.Labels, Mutators.Csv, path => MatrixFile.ReadLabels(path)),
        new("config", "config.json", Seeds.Config, Mutators.Json, path => ConfigLoader.Resolve(new ConfigOverrides(ConfigFile: path))),
        new("checkpoint", "model.safetensors", Seeds.Checkpoints, Mutators.SafeTensors, path => Checkpoint.LoadModel(path)),
        new("training-checkpoint", "run.training.safetensors", Seeds.TrainingCheckpoints, Mutators.SafeTensors, path => Checkpoint.ResumeTraining(path, Seeds.SmallTrainer())),
        new("feature-cache", "entry.feat", Seeds.CacheEntries, Mutators.Bytes, StateFiles.ReadCacheEntry, StateFiles.PrepareCache),
        new("stage-ledger", "stages.json", Seeds.Ledgers, Mutators.Json, StateFiles.ReadLedger),
        new("training-history", "vae.history.json", Seeds.Histories, Mutators.Json, StateFiles.ReadHistory),
    ];
}
