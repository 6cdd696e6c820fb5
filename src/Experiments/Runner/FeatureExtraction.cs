using System.Globalization;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Runner;

/// <summary>Decodes every track once and derives spectral statistics, the mean log-mel vector and log-mel patches, cached per track.</summary>
public static class FeatureExtraction
{
    private const string Version = "runner-features-v2";

    /// <summary>Features of all tracks of <paramref name="manifest"/>, in manifest order, extracted on all cores with a progress bar.</summary>
    /// <remarks>Patches are standardised with the mean and std over all patch values, so the conv models see inputs of unit scale.
    /// With <paramref name="badFiles"/> a track that cannot be decoded is recorded there (by manifest index) and left out of the
    /// result; without it the first such track stops the extraction with its error.</remarks>
    public static TrackFeatures Extract(Manifest manifest, FeatureConfig config, FeatureCache cache, RunConsole console,
        SortedDictionary<int, BadFile>? badFiles = null)
        => Extract(manifest.Tracks, config, cache, console, badFiles: badFiles);

    /// <summary>Features of <paramref name="tracks"/> in order; <paramref name="patchScaling"/> (shift, 1/std) replaces the patch
    /// standardisation fitted on these tracks, so new tracks are scaled as the model's training tracks were.</summary>
    public static TrackFeatures Extract(IReadOnlyList<Track> tracks, FeatureConfig config, FeatureCache cache, RunConsole console,
        (float Shift, float InvScale)? patchScaling = null, SortedDictionary<int, BadFile>? badFiles = null)
    {
        var layout = FeatureLayout.Of(config);
        string key = SettingsKey(config);
        int n = tracks.Count;
        var packed = new float[n][];
        var warnings = new List<string>();
        long rejectedBefore = cache.Rejected;
        int done = 0;
        var gate = new object();
        console.Progress($"features ({n} tracks)", n, 0, tick =>
        {
            try
            {
                ExtractAll(tick);
            }
            catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is Cli.UserInputException) is { } bad)
            {
                // A bad file is the user's input: report it as such, not as a crash of the parallel loop.
                throw new Cli.UserInputException(bad.Message + BadFile.SkipHint, bad);
            }
        });
        void ExtractAll(Action<int, string> tick) =>
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = console.Cancellation }, i =>
            {
                var track = tracks[i];
                try
                {
                    packed[i] = cache.GetOrCompute(track.FullPath, key, () => Compute(track, config, layout.LogMel, layout.Spectral, message => { lock (gate) warnings.Add(message); }));
                }
                catch (Cli.UserInputException e) when (badFiles is not null)
                {
                    lock (gate) badFiles[i] = BadFile.From(track.File, track.FullPath, e);
                }
                lock (gate) tick(++done, track.Id);
            });
        ReportWarnings(console, warnings);
        if (cache.Rejected - rejectedBefore is > 0 and long damaged)
            console.Line($"  warning: {damaged} feature-cache entr{(damaged == 1 ? "y" : "ies")} in {cache.Folder} failed the checksum (damaged) and {(damaged == 1 ? "was" : "were")} recomputed");
        // Left-out tracks have no vector; the rest keep manifest order.
        return Unpack(packed.Where(p => p is not null).ToArray(), config, layout, patchScaling);
    }

    /// <summary>The first ten decoder warnings of an extraction, and how many more there were.</summary>
    internal static void ReportWarnings(RunConsole console, List<string> warnings)
    {
        foreach (var w in warnings.Take(10)) console.Line($"  warning: {w}");
        if (warnings.Count > 10) console.Line($"  … and {warnings.Count - 10} more warnings");
    }

    /// <summary>Everything that changes the packed per-track vector; a different key recomputes.</summary>
    public static string SettingsKey(FeatureConfig c) => string.Create(CultureInfo.InvariantCulture,
        $"{Version};sr={c.SampleRate};nfft={c.NFft};hop={c.HopLength};mels={c.NMels};mfcc={c.NMfcc};fmin={c.FMin:R};fmax={c.FMax?.ToString("R", CultureInfo.InvariantCulture) ?? "none"};" +
        $"frames={c.PatchFrames};maxp={c.MaxPatchesPerTrack?.ToString(CultureInfo.InvariantCulture) ?? "all"};excerpt={c.ExcerptSeconds?.ToString("R", CultureInfo.InvariantCulture) ?? "all"};decoder={Choice(c)}");

    private static DecoderChoice Choice(FeatureConfig c) => DecoderChoices.Parse(c.Decoder, "features.decoder");

    /// <summary>[spectral | mean log-mel | descriptors | patch count | patches] for one track.</summary>
    internal static float[] Compute(Track track, FeatureConfig c, LogMelSettings logMel, SpectralSettings spectral, Action<string> warn)
    {
        var samples = AudioDecoder.Decode(track.FullPath, c.SampleRate, duration: c.ExcerptSeconds, warn: warn,
            minimumSamples: Math.Max(AudioDecoder.DefaultMinimumSamples, c.NFft), decoder: Choice(c));
        // One float64 STFT feeds the statistics and the descriptors; tracks already run one per core, so nothing inside a track
        // goes parallel. The patches keep their own float32 STFT, so they stay bit for bit what the models were trained on.
        var pass = SpectralPass.Run(samples, spectral, descriptors: true, parallel: false);
        var mfcc = Mfcc.FromLogMel(pass.LogMel, spectral.Coefficients);
        var stats = SpectralStatistics.FromFrames(pass.Series, pass.LogMel, mfcc);
        var descriptors = Descriptors.FromPass(pass, mfcc, spectral);
        var mel = LogMelSpectrogram.Compute(samples, logMel, parallel: false);
        var mean = new float[mel.Rows];
        for (int r = 0; r < mel.Rows; r++)
        {
            double s = 0;
            foreach (float v in mel.Row(r)) s += v;
            mean[r] = (float)(s / mel.Columns);
        }
        var patches = LogMelPatches.Extract(mel, c.PatchFrames);
        // Evenly spaced patches bound the training set per track without favouring the start.
        int keep = Math.Min(patches.Count, c.MaxPatchesPerTrack ?? int.MaxValue), size = patches.Mels * patches.Frames;
        int head = stats.Length + mean.Length + descriptors.Length;
        var result = new float[head + 1 + (long)keep * size];
        stats.CopyTo(result, 0);
        mean.CopyTo(result, stats.Length);
        descriptors.CopyTo(result, stats.Length + mean.Length);
        result[head] = keep;
        for (int p = 0; p < keep; p++)
            patches.Patch((int)((long)p * patches.Count / keep)).CopyTo(result.AsSpan(head + 1 + p * size, size));
        return result;
    }

    private static TrackFeatures Unpack(float[][] packed, FeatureConfig c, FeatureLayout layout, (float Shift, float InvScale)? patchScaling)
    {
        int n = packed.Length, mels = c.NMels, size = layout.PatchSize, head = layout.HeadLength;
        var heads = layout.Heads(n);
        var counts = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++)
        {
            var v = packed[i];
            counts[i] = (int)v[head];
            if (v.Length != head + 1 + (long)counts[i] * size)
                throw new InvalidDataException($"cached features of track {i + 1} have {v.Length} values; expected {head + 1 + (long)counts[i] * size}");
            heads.Set(i, v.AsSpan(0, head));
            total += counts[i];
        }
        var patches = new float[(long)total * size];
        var track = new int[total];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            packed[i].AsSpan(head + 1, counts[i] * size).CopyTo(patches.AsSpan(at * size));
            for (int p = 0; p < counts[i]; p++) track[at + p] = i;
            at += counts[i];
        }
        var (shift, inv) = patchScaling ?? Standardisation(patches);
        for (int i = 0; i < patches.Length; i++) patches[i] = (patches[i] - shift) * inv;
        return new TrackFeatures(heads.Spectral, heads.MeanLogMel, patches, track, mels, c.PatchFrames, heads.Descriptors) { PatchShift = shift, PatchInvScale = inv, DescriptorGroups = layout.DescriptorGroups };
    }

    /// <summary>Mean and 1/std over all values (1 when constant), as float32: what the patches are shifted and multiplied by.</summary>
    private static (float Shift, float InvScale) Standardisation(ReadOnlySpan<float> x)
    {
        double sum = 0, sq = 0;
        foreach (float v in x) sum += v;
        double mean = sum / Math.Max(1, x.Length);
        foreach (float v in x) sq += (v - mean) * (v - mean);
        double std = Math.Sqrt(sq / Math.Max(1, x.Length));
        return ((float)mean, std > 0 ? (float)(1 / std) : 1f);
    }
}
