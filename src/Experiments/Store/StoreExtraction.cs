using System.Diagnostics;
using System.Globalization;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Store;

/// <summary>What <see cref="StoreExtraction.Run"/> did.</summary>
/// <param name="Keys">Every track's key in input order (default for a track left out as a bad file).</param>
/// <param name="Extracted">Tracks computed and written by this run.</param>
/// <param name="Reused">Tracks found in the store already (not recomputed).</param>
/// <param name="BadFiles">Tracks that could not be decoded, by input index (only with skipping enabled).</param>
/// <param name="Seconds">Wall-clock time.</param>
public sealed record StoreExtractionResult(TrackKey[] Keys, int Extracted, int Reused, SortedDictionary<int, BadFile> BadFiles, double Seconds);

/// <summary>Extracts the runner's features of every track straight into a <see cref="FeatureStore"/>, one track at a time on all cores.</summary>
/// <remarks>
/// A track already in the store (same content hash, same settings) is not decoded again, so a killed extraction resumes
/// where it stopped. Memory is a few tracks' worth per core whatever the number of tracks: each result is written and
/// dropped as soon as it is computed.
/// </remarks>
public static class StoreExtraction
{
    /// <summary>The store settings text for a feature configuration (the runner's feature-cache key).</summary>
    public static string SettingsKey(FeatureConfig config) => FeatureExtraction.SettingsKey(config);

    /// <summary>Extracts <paramref name="tracks"/> into <paramref name="store"/>; <paramref name="skipBadFiles"/> records undecodable files instead of stopping;
    /// <paramref name="tracksDone"/> is told the number of tracks done after each one (from any thread).</summary>
    public static StoreExtractionResult Run(IReadOnlyList<Track> tracks, FeatureConfig config, FeatureStore store, StderrProgress? progress = null,
        bool skipBadFiles = false, Action<string>? warn = null, CancellationToken cancel = default, Action<int>? tracksDone = null)
    {
        if (store.SettingsKey != SettingsKey(config))
            throw new ArgumentException($"{store.Folder} holds features for other settings than these ({store.SettingsHash} vs {FeatureStore.HashOf(SettingsKey(config))})");
        var layout = FeatureLayout.Of(config);
        var (logMel, spectral) = (layout.LogMel, layout.Spectral);
        int n = tracks.Count, head = layout.HeadLength, patchSize = layout.PatchSize;
        var keys = new TrackKey[n];
        var bad = new SortedDictionary<int, BadFile>();
        int done = 0, extracted = 0, reused = 0;
        var clock = Stopwatch.StartNew();
        warn ??= _ => { };
        try
        {
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, i =>
            {
                var track = tracks[i];
                try
                {
                    var key = TrackKey.OfFile(track.FullPath);
                    keys[i] = key;
                    if (store.Contains(key)) Interlocked.Increment(ref reused);
                    else
                    {
                        var packed = FeatureExtraction.Compute(track, config, logMel, spectral, warn);
                        int count = (int)packed[head];
                        if (packed.Length != head + 1 + (long)count * patchSize)
                            throw new InvalidOperationException($"{track.File}: extraction gave {packed.Length} values, expected {head + 1 + (long)count * patchSize}");
                        if (store.Write(key, packed.AsSpan(0, head), count, patchSize, packed.AsSpan(head + 1))) Interlocked.Increment(ref extracted);
                        else Interlocked.Increment(ref reused);
                    }
                }
                catch (FileNotFoundException e) when (skipBadFiles) { lock (bad) bad[i] = BadFile.From(track.File, track.FullPath, new UserInputException(e.Message, e)); }
                catch (UserInputException e) when (skipBadFiles) { lock (bad) bad[i] = BadFile.From(track.File, track.FullPath, e); }
                int now = Interlocked.Increment(ref done);
                progress?.Report((double)now / n, Rate(now, n, clock.Elapsed.TotalSeconds));
                tracksDone?.Invoke(now);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is UserInputException or FileNotFoundException) is { } first)
        {
            throw new UserInputException(first.Message + BadFile.SkipHint, first);
        }
        progress?.Done();
        return new StoreExtractionResult(keys, extracted, reused, bad, clock.Elapsed.TotalSeconds);
    }

    /// <summary>"812/10000 tracks · 95.2 tracks/s".</summary>
    public static string Rate(int done, int total, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{done}/{total} tracks · {(seconds > 0 ? done / seconds : 0):F1} tracks/s");
}
