using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Commands;

/// <summary>
/// <c>musiccluster features --input FILE_OR_DIR --kind spectral|mfcc|logmel|logmel-patches --out F.npy</c>.
/// One layout whatever the input, rows first: spectral [tracks, features]; mfcc [frames, n_mfcc]; logmel [frames, mels];
/// logmel-patches [patches, mels, 64]; descriptors [tracks, columns] (to a .csv with a header of column names). The rows of all inputs are stacked in input order and <c>F.rows.csv</c> gives
/// track_id, file, first_row and rows for every input; spectral runs also write <c>F.columns.txt</c> (feature names).
/// A folder with tracks.csv is read in manifest order; any other folder gives every audio file under it (recursively, by path).
/// </summary>
public sealed class FeaturesCommand : ICommandFactory
{
    /// <summary>The --kind values, in help order.</summary>
    public static readonly string[] Kinds = ["spectral", "mfcc", "logmel", "logmel-patches", "descriptors"];

    /// <inheritdoc />
    public Command Create()
    {
        var input = new Option<string>("--input") { Description = "An audio file, a dataset folder (tracks.csv), or any folder of audio (searched recursively)", Required = true };
        var kind = new Option<string>("--kind") { Description = "spectral [tracks, features], mfcc [frames, n_mfcc], logmel [frames, mels] or logmel-patches [patches, mels, 64]", DefaultValueFactory = _ => "spectral" };
        var output = new Option<string>("--out") { Description = "Output .npy file (float32); F.rows.csv maps its rows to tracks", Required = true };
        var rate = new Option<int>("--sample-rate") { Description = "Analysis sample rate in Hz", DefaultValueFactory = _ => 22050 };
        var mels = new Option<int>("--mels") { Description = "Mel bands", DefaultValueFactory = _ => 64 };
        var nfft = new Option<int>("--n-fft") { Description = "FFT size", DefaultValueFactory = _ => 2048 };
        var hop = new Option<int>("--hop") { Description = "Hop length in samples", DefaultValueFactory = _ => 512 };
        var mfcc = new Option<int>("--mfcc") { Description = "MFCC coefficients", DefaultValueFactory = _ => 20 };
        var decoder = new Option<string>("--decoder") { Description = "Decoder of compressed audio: managed (no ffmpeg needed), ffmpeg, or auto (managed where one exists, else ffmpeg)", DefaultValueFactory = _ => "auto" };
        var skipBad = new Option<bool>("--skip-bad-files") { Description = "Leave out files that cannot be decoded and list them with the reason (otherwise the first one stops with its error)" };
        var command = new Command("features",
            "Extract features from audio to one float32 .npy, rows first whatever the input: spectral [tracks, features] " +
            "(names in F.columns.txt), mfcc [frames, n_mfcc], logmel [frames, mels], logmel-patches [patches, mels, 64]. " +
            "The rows of every input file are stacked in order; F.rows.csv gives track_id,file,first_row,rows per file.");
        foreach (var o in new Option[] { input, kind, output, rate, mels, nfft, hop, mfcc, decoder, skipBad }) command.Options.Add(o);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string k = parse.GetValue(kind)!.ToLowerInvariant();
            var featureKind = k switch
            {
                "logmel" or "logmel-patches" => FeatureKind.LogMel,
                "mfcc" => FeatureKind.Mfcc,
                "spectral" => FeatureKind.Spectral,
                "descriptors" => FeatureKind.Descriptors,
                _ => throw new UserInputException($"--kind must be {string.Join(", ", Kinds)} (got '{k}')"),
            };
            var settings = Settings(parse.GetValue(rate), parse.GetValue(mels), parse.GetValue(nfft), parse.GetValue(hop), parse.GetValue(mfcc));
            var choice = DecoderChoices.Parse(parse.GetValue(decoder));
            Run(parse.GetValue(input)!, featureKind, parse.GetValue(output)!, settings, k == "logmel-patches", parse.GetValue(skipBad), choice);
        }));
        return command;
    }

    private static SpectralSettings Settings(int rate, int mels, int nfft, int hop, int mfcc)
    {
        if (rate <= 0) throw new UserInputException($"--sample-rate must be positive (got {rate})");
        if (mels <= 0) throw new UserInputException($"--mels must be positive (got {mels})");
        if (nfft < 16) throw new UserInputException($"--n-fft must be at least 16 (got {nfft})");
        if (hop <= 0) throw new UserInputException($"--hop must be positive (got {hop})");
        if (mfcc <= 0 || mfcc > mels) throw new UserInputException($"--mfcc must be in 1..{mels} (got {mfcc})");
        return new SpectralSettings(new LogMelSettings(SampleRate: rate, NFft: nfft, HopLength: hop, Mels: mels), mfcc);
    }

    /// <summary>Extracts and writes; see the class summary for the layout.</summary>
    internal static void Run(string input, FeatureKind kind, string output, SpectralSettings settings, bool patches = false, bool skipBadFiles = false,
        DecoderChoice decoder = DecoderChoice.Auto)
    {
        var (ids, names, files) = Inputs(input);
        var failures = skipBadFiles ? new SortedDictionary<int, UserInputException>() : null;
        FeatureMatrix?[] features;
        try { features = TrackFeatures.Extract(files, kind, settings, failures: failures, decoder: decoder); }
        catch (UserInputException e) { throw new UserInputException(e.Message + BadFile.SkipHint, e); }
        if (failures is { Count: > 0 })
        {
            Console.Out.WriteLine($"skipped {failures.Count} file(s) that could not be read (--skip-bad-files):");
            foreach (var (i, e) in failures) Console.Out.WriteLine($"  {BadFile.From(names[i], files[i], e)}");
            if (failures.Count == files.Length) throw new UserInputException($"--input {input}: none of the {files.Length} file(s) could be read");
        }

        if (kind == FeatureKind.Descriptors && output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            // A CSV gets the column names as its header row, one row per file (F.rows.csv names the files).
            var header = Descriptors.Columns(settings).Select(c => c.Name).ToArray();
            var kept = Enumerable.Range(0, files.Length).Where(i => features[i] is not null).ToArray();
            var all = kept.SelectMany(i => features[i]!.Data).ToArray();
            MatrixFile.WriteCsv(output, all, kept.Length, header.Length, header);
            AtomicFile.WriteAllText(output + ".rows.csv", "track_id,file,first_row,rows\n" +
                string.Concat(kept.Select((i, r) => $"{Csv(ids[i])},{Csv(names[i])},{r},1\n")));
            Console.Out.WriteLine($"wrote {output} [{kept.Length}, {header.Length}] ({kept.Length} file(s), descriptors) and {output}.rows.csv");
            return;
        }
        var rows = new StringBuilder("track_id,file,first_row,rows\n");
        var data = new List<float>();
        int total = 0, width = 0;
        for (int t = 0; t < files.Length; t++)
        {
            if (features[t] is not { } m) continue;
            int count;
            if (patches)
            {
                var batch = LogMelPatches.Extract(m);
                data.AddRange(batch.Data);
                count = batch.Count;
            }
            else if (kind is FeatureKind.Spectral or FeatureKind.Descriptors)
            {
                data.AddRange(m.Data);
                count = 1;
                width = m.Columns;
            }
            else
            {
                // Extraction gives [bands, frames] (librosa's layout); rows here are frames.
                for (int f = 0; f < m.Columns; f++)
                    for (int r = 0; r < m.Rows; r++) data.Add(m[r, f]);
                count = m.Columns;
                width = m.Rows;
            }
            rows.Append(CultureInfo.InvariantCulture, $"{Csv(ids[t])},{Csv(names[t])},{total},{count}\n");
            total += count;
        }
        int[] shape = patches ? [total, settings.LogMel.Mels, LogMelPatches.DefaultFrames] : [total, width];
        NpyFile.Write(output, data.ToArray(), shape);
        AtomicFile.WriteAllText(output + ".rows.csv", rows.ToString());
        if (kind == FeatureKind.Spectral)
            AtomicFile.WriteAllText(output + ".columns.txt", string.Join('\n', SpectralStatistics.FeatureNames(settings)) + "\n");
        if (kind == FeatureKind.Descriptors)
            AtomicFile.WriteAllText(output + ".columns.txt", string.Join('\n', Descriptors.Columns(settings).Select(c => $"{c.Name}\t{c.Group}")) + "\n");
        int used = files.Length - (failures?.Count ?? 0);
        Console.Out.WriteLine($"wrote {output} [{string.Join(", ", shape)}] ({used} file(s), {(patches ? "logmel-patches" : kind.ToString().ToLowerInvariant())}) and {output}.rows.csv");
    }

    /// <summary>Track ids, file names as shown, and paths of the input: one file, a dataset's rows, or the audio under a folder.</summary>
    private static (string[] Ids, string[] Names, string[] Files) Inputs(string input)
    {
        if (Directory.Exists(input))
        {
            var manifest = Manifest.LoadOrInfer(input, out string? note);
            if (manifest.Scan is { } scan) Console.Out.WriteLine($"{input}: {scan.Describe()}");
            if (note is not null) Console.Out.WriteLine($"note: {note}");
            return (manifest.Tracks.Select(t => t.Id).ToArray(), manifest.Tracks.Select(t => t.File).ToArray(), manifest.Tracks.Select(t => t.FullPath).ToArray());
        }
        if (!File.Exists(input)) throw new UserInputException($"--input {input}: no such file or directory");
        return ([Path.GetFileNameWithoutExtension(input)], [Path.GetFileName(input)], [input]);
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
