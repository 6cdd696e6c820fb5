using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Distributed;
using MusicCluster.Experiments.Encoders;
using MusicCluster.Experiments.Runner;
using MusicCluster.Experiments.Store;
using MusicCluster.Models.Checkpoints;
using MusicCluster.Models.Networks;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster encode</c>: embeds tracks with a model checkpoint of a run, in the space the run clustered, so that
/// <c>cluster --centroids</c> puts them into the run's clusters.</summary>
public sealed class EncodeCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model checkpoint of a run (OUT/results_*/checkpoints/NAME-seedS.safetensors)", Required = true };
        var data = new Option<string>("--data") { Description = "A dataset folder (tracks.csv), a folder of audio files, or one audio file", Required = true };
        var output = new Option<string>("--out") { Description = "Embedding to write: X.npy or X.csv (one row per track; X.tracks.csv lists them)", Required = true };
        var cache = new Option<string?>("--cache") { Description = "Feature cache folder to reuse and fill (default: none kept)" };
        var decoder = new Option<string?>("--decoder") { Description = "Decoder of compressed audio: managed, ffmpeg or auto [default: the run's features.decoder]" };
        var store = new Option<string?>("--store") { Description = "Feature-store folder to read the tracks' features from, extracting those missing (instead of --cache)" };
        var cluster = new Option<string?>("--cluster") { Description = "HOST:PORT[,HOST:PORT…] of `musiccluster node`s to encode on (needs --store; every node must reach --data, --store and --checkpoint at the same paths)" };
        var command = new Command("encode", "Embed tracks with a trained model, with the features and scaling of its run.");
        foreach (var o in new Option[] { checkpoint, data, output, cache, decoder, store, cluster }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            string path = r.GetValue(checkpoint)!, outPath = r.GetValue(output)!;
            bool npy = outPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
            if (!npy && !outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--out {outPath}: the embedding is written as .npy or .csv");
            DecoderChoice? choice = r.GetValue(decoder) is { } name ? DecoderChoices.Parse(name) : null;
            string? storeRoot = r.GetValue(store), nodes = r.GetValue(cluster), cacheDir = r.GetValue(cache);
            if (nodes is not null && storeRoot is null)
                throw new UserInputException("--cluster needs --store ROOT: the feature-store folder the nodes extract into and encode from (at the same path on every node)");
            if (storeRoot is not null && cacheDir is not null) throw new UserInputException("--cache and --store are alternatives: features come from one of them");
            if (nodes is not null) ClusterEndpoints.Parse(nodes, "--cluster");
            var (model, spec) = Load(path);
            if (choice is { } c) spec.Features.Decoder = c.ToString().ToLowerInvariant();
            var tracks = Tracks(r.GetValue(data)!);
            string folder = cacheDir ?? Path.Combine(Path.GetTempPath(), "musiccluster-encode-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                var e = storeRoot is null ? TrackEncoder.Encode(model, spec, tracks, new FeatureCache(folder), new RunConsole(Console.Error), path)
                    : FromStore(model, spec, tracks, path, storeRoot, nodes);
                if (npy) NpyFile.Write(outPath, e.Data, e.Rows, e.Cols);
                else MatrixFile.WriteCsv(outPath, e.Data, e.Rows, e.Cols, Enumerable.Range(0, e.Cols).Select(j => $"z{j}").ToArray());
                var list = new StringBuilder("track_id,file\n");
                foreach (var t in tracks) list.Append(TrackAssignments.Csv(t.Id)).Append(',').Append(TrackAssignments.Csv(t.File)).Append('\n');
                AtomicFile.WriteAllText(outPath + ".tracks.csv", list.ToString());
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {outPath}: {e.Rows} tracks × {e.Cols} ({model.Kind}, {spec.Task}{(spec.Representation is null ? "" : " representation " + spec.Representation)})"));
            }
            finally
            {
                if (cacheDir is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }));
        return command;
    }

    // Through the feature store, on this machine or on the cluster's nodes: the same rows either way, and as from the cache.
    private static FeatureMatrix FromStore(VaeModel model, EncoderSpec spec, List<Track> tracks, string checkpoint, string storeRoot, string? cluster)
    {
        using var store = Store.StoreCommands.Open(storeRoot, StoreExtraction.SettingsKey(spec.Features));
        if (cluster is not null)
            return ClusterJob.Encode(cluster, tracks, model, spec, checkpoint, store, new StderrProgress("encode features"), new StderrProgress("encode"));
        var keys = StoreExtraction.Run(tracks, spec.Features, store, new StderrProgress("encode features"), warn: w => Console.Error.WriteLine($"  warning: {w}")).Keys;
        var progress = new StderrProgress("encode");
        var e = StreamEncoding.Encode(model, spec, store, keys, checkpoint, tracksDone: t => progress.Report((double)t / keys.Length));
        progress.Done();
        return e;
    }

    /// <summary>The model and its encoder spec; a damaged file, another kind of checkpoint or one without a spec is a one-line error.</summary>
    public static (VaeModel Model, EncoderSpec Spec) Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"--checkpoint {path}: no such file");
        try
        {
            var content = SafeTensorsFile.Read<float>(path);
            if (!content.Metadata.TryGetValue("format", out var format) || format != Checkpoint.Format)
                throw new UserInputException($"{path}: not a MusicCluster model checkpoint (metadata format '{format ?? "(none)"}', expected {Checkpoint.Format})");
            var spec = EncoderSpec.Read(content.Metadata, path)
                ?? throw new UserInputException($"{path}: the checkpoint has no encoder metadata; use a model checkpoint written by `musiccluster run` (results_*/checkpoints/NAME-seedS.safetensors)");
            var model = Checkpoint.Create(content.Metadata, path);
            Checkpoint.LoadInto(path, model);
            return (model, spec);
        }
        catch (InvalidDataException e) { throw new UserInputException(e.Message, e); }
    }

    /// <summary>The tracks of a dataset folder (manifest order), a plain folder (its audio files, recursively) or one file.</summary>
    public static List<Track> Tracks(string data)
    {
        var empty = new Dictionary<string, string>();
        if (Directory.Exists(data))
        {
            // A plain folder is scanned as `run` scans it (recursively, audio by content).
            return Manifest.LoadOrInfer(data, out _).Tracks.ToList();
        }
        if (!File.Exists(data)) throw new UserInputException($"--data {data}: no such file or folder");
        if (Path.GetFileName(data).Equals(Manifest.FileName, StringComparison.OrdinalIgnoreCase)) return Manifest.Load(data).Tracks.ToList();
        return [new Track(Path.GetFileNameWithoutExtension(data), Path.GetFileName(data), Path.GetFullPath(data), null, null, "", empty, 0)];
    }
}
