using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Commands;

/// <summary>
/// <c>musiccluster features --input FILE_OR_DIR --kind logmel|mfcc|spectral --out F.npy</c>.
/// A dataset folder (tracks.csv) gives one entry per manifest row, in row order.
/// One file: log-mel [mels, frames], MFCC [n_mfcc, frames], spectral [1, features].
/// A directory (its audio files sorted by name): spectral [files, features]; log-mel as 64-frame patches
/// [patches, mels, 64]; MFCC frames [frames, n_mfcc]. Directory runs also write F.rows.csv (file, first row, rows),
/// and spectral runs F.columns.txt (feature names).
/// </summary>
public sealed class FeaturesCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var input = new Option<string>("--input") { Description = "An audio file, or a directory of audio files", Required = true };
        var kind = new Option<string>("--kind") { Description = "logmel, mfcc or spectral", DefaultValueFactory = _ => "spectral" };
        var output = new Option<string>("--out") { Description = "Output .npy file", Required = true };
        var rate = new Option<int>("--sample-rate") { Description = "Analysis sample rate in Hz", DefaultValueFactory = _ => 22050 };
        var mels = new Option<int>("--mels") { Description = "Mel bands", DefaultValueFactory = _ => 64 };
        var nfft = new Option<int>("--n-fft") { Description = "FFT size", DefaultValueFactory = _ => 2048 };
        var hop = new Option<int>("--hop") { Description = "Hop length in samples", DefaultValueFactory = _ => 512 };
        var mfcc = new Option<int>("--mfcc") { Description = "MFCC coefficients", DefaultValueFactory = _ => 20 };
        var command = new Command("features", "Extract log-mel, MFCC or spectral-statistics features from audio to a .npy file.");
        foreach (var o in new Option[] { input, kind, output, rate, mels, nfft, hop, mfcc }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var featureKind = parse.GetValue(kind)!.ToLowerInvariant() switch
            {
                "logmel" => FeatureKind.LogMel,
                "mfcc" => FeatureKind.Mfcc,
                "spectral" => FeatureKind.Spectral,
                var k => throw new UserInputException($"--kind must be logmel, mfcc or spectral (got '{k}')"),
            };
            var settings = Settings(parse.GetValue(rate), parse.GetValue(mels), parse.GetValue(nfft), parse.GetValue(hop), parse.GetValue(mfcc));
            Run(parse.GetValue(input)!, featureKind, parse.GetValue(output)!, settings);
            return 0;
        });
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

    /// <summary>Extracts and writes; see the class summary for the array layouts.</summary>
    internal static void Run(string input, FeatureKind kind, string output, SpectralSettings settings)
    {
        bool directory = Directory.Exists(input);
        if (!directory && !File.Exists(input)) throw new UserInputException($"--input {input}: no such file or directory");
        // A dataset folder (with tracks.csv) gives one entry per manifest row, in row order; any other folder, its audio files by name.
        var manifest = directory && File.Exists(Path.Combine(input, Manifest.FileName)) ? Manifest.Load(input) : null;
        var files = manifest is not null ? manifest.Tracks.Select(t => t.FullPath).ToArray()
            : directory ? TrackFeatures.AudioFilesIn(input) : [input];
        var names = manifest is not null ? manifest.Tracks.Select(t => t.File).ToArray() : files.Select(f => Path.GetFileName(f)!).ToArray();
        if (files.Length == 0) throw new UserInputException($"--input {input}: the directory has no audio files ({string.Join(" ", TrackFeatures.AudioExtensions.Order())})");
        var features = TrackFeatures.Extract(files, kind, settings);

        if (!directory)
        {
            var m = features[0];
            NpyFile.Write(output, m.Data, m.Rows, m.Columns);
        }
        else
        {
            var rows = new StringBuilder("file,first_row,rows\n");
            var data = new List<float>();
            int total = 0, width = 0;
            int[] shape;
            foreach (var (name, m) in names.Zip(features))
            {
                int count;
                if (kind == FeatureKind.LogMel)
                {
                    var patches = LogMelPatches.Extract(m);
                    data.AddRange(patches.Data);
                    count = patches.Count;
                }
                else if (kind == FeatureKind.Mfcc)
                {
                    for (int f = 0; f < m.Columns; f++)
                        for (int r = 0; r < m.Rows; r++) data.Add(m[r, f]);
                    count = m.Columns;
                    width = m.Rows;
                }
                else
                {
                    data.AddRange(m.Data);
                    count = 1;
                    width = m.Columns;
                }
                rows.Append(CultureInfo.InvariantCulture, $"{Csv(name)},{total},{count}\n");
                total += count;
            }
            shape = kind == FeatureKind.LogMel ? [total, settings.LogMel.Mels, LogMelPatches.DefaultFrames] : [total, width];
            NpyFile.Write(output, data.ToArray(), shape);
            AtomicFile.WriteAllText(output + ".rows.csv", rows.ToString());
        }
        if (kind == FeatureKind.Spectral)
            AtomicFile.WriteAllText(output + ".columns.txt", string.Join('\n', SpectralStatistics.FeatureNames(settings)) + "\n");
        Console.WriteLine($"wrote {output} ({files.Length} file(s), {kind.ToString().ToLowerInvariant()})");
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
