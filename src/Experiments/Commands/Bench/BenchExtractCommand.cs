using System.CommandLine;
using System.Diagnostics;
using MusicCluster.Experiments.Audio;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;
using MusicCluster.Experiments.Dsp;
using MusicCluster.Experiments.Runner;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench extract</c>: the runner's per-track feature extraction on a folder of audio, CPU ms per track per stage and tracks/s on all cores.</summary>
public sealed class BenchExtractCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var data = new Option<string>("--data") { Description = "A dataset folder (tracks.csv) or folder of audio", Required = true };
        var limit = new Option<int>("--stage-tracks") { Description = "Tracks timed stage by stage on one thread", DefaultValueFactory = _ => 50 };
        var dump = new Option<string?>("--dump") { Description = "Also write every track's packed feature vector here (per track: int32 length, then float32 values) to compare two builds" };
        var command = new Command("extract", "Time the runner's feature extraction: CPU ms per track of each stage on one thread, then tracks/s and CPU s of the whole extraction on all cores; one JSON line each.");
        foreach (var o in new Option[] { data, limit, dump }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() => Run(r.GetValue(data)!, r.GetValue(limit), r.GetValue(dump))));
        return command;
    }

    private static void Run(string data, int stageTracks, string? dump)
    {
        KernelTiming.RequirePositive("--stage-tracks", stageTracks, 100_000);
        var config = new RunConfig().Features;
        var tracks = EncodeCommand.Tracks(data);
        if (tracks.Count == 0) throw new UserInputException($"{data}: no tracks");
        var layout = FeatureLayout.Of(config);
        var (logMel, spectral) = (layout.LogMel, layout.Spectral);
        void Warn(string _) { }
        float[] Decode(Track t) => AudioDecoder.Decode(t.FullPath, config.SampleRate, duration: config.ExcerptSeconds, warn: Warn,
            minimumSamples: Math.Max(AudioDecoder.DefaultMinimumSamples, config.NFft), decoder: DecoderChoices.Parse(config.Decoder, "features.decoder"));
        var stages = ExtractionStages.For(spectral, config.PatchFrames);
        int n = Math.Min(stageTracks, tracks.Count);
        var ms = new double[stages.Count + 1];
        double audio = 0;
        for (int pass = 0; pass < 2; pass++) // pass 0 warms the JIT
        {
            Array.Clear(ms);
            audio = 0;
            for (int i = 0; i < (pass == 0 ? 1 : n); i++)
            {
                double t0 = ThreadCpu.Milliseconds();
                var samples = Decode(tracks[i]);
                ms[0] += ThreadCpu.Milliseconds() - t0;
                audio += (double)samples.Length / config.SampleRate;
                var state = stages.Start(samples);
                for (int s = 0; s < stages.Count; s++)
                {
                    t0 = ThreadCpu.Milliseconds();
                    stages.Run(s, state);
                    ms[s + 1] += ThreadCpu.Milliseconds() - t0;
                }
            }
        }
        double total = 0;
        for (int s = 0; s <= stages.Count; s++)
        {
            total += ms[s];
            KernelTiming.Print(new() { ["bench"] = "extract", ["stage"] = s == 0 ? "decode" : stages.Name(s - 1), ["ms_per_track"] = Math.Round(ms[s] / n, 3), ["tracks"] = n, ["clock"] = ThreadCpu.IsCpuTime ? "thread cpu" : "wall" });
        }
        KernelTiming.Print(new() { ["bench"] = "extract", ["stage"] = "total (one thread)", ["ms_per_track"] = Math.Round(total / n, 3), ["tracks"] = n, ["audio_seconds_per_track"] = Math.Round(audio / n, 3) });

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        double allAudio = 0;
        var vectors = new float[tracks.Count][];
        Parallel.For(0, tracks.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => 0.0, (i, _, a) =>
        {
            var packed = FeatureExtraction.Compute(tracks[i], config, logMel, spectral, Warn);
            if (dump is not null) vectors[i] = packed;
            return a + packed.Length;
        }, a => { lock (tracks) allAudio += a; });
        allAudio = audio / n * tracks.Count;
        double seconds = wall.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        KernelTiming.Print(new()
        {
            ["bench"] = "extract", ["stage"] = "FeatureExtraction.Compute (all cores)", ["tracks"] = tracks.Count, ["threads"] = Environment.ProcessorCount,
            ["seconds"] = Math.Round(seconds, 3), ["cpu_seconds"] = Math.Round(cpuSeconds, 3), ["cpu_ms_per_track"] = Math.Round(cpuSeconds * 1e3 / tracks.Count, 2),
            ["tracks_per_s"] = Math.Round(tracks.Count / seconds, 1), ["x_realtime_est"] = Math.Round(allAudio / seconds, 1),
            ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a",
        });
        if (dump is not null) Dump(dump, vectors);
    }

    private static void Dump(string path, float[][] vectors)
    {
        string temp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(temp)))
            foreach (var v in vectors)
            {
                w.Write(v.Length);
                w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
            }
        File.Move(temp, path, overwrite: true);
    }
}
