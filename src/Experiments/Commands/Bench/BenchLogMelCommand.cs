using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Dsp;

namespace MusicCluster.Experiments.Commands.Bench;

/// <summary><c>musiccluster bench logmel</c>: log-mel extraction speed on a synthetic signal, as one JSON line.</summary>
/// <remarks>The signal (a chirp over a noise floor, same formula as benchmarks/peers/logmel_peer.py) and settings match the peer script.</remarks>
public sealed class BenchLogMelCommand : ICommandFactory
{
    /// <inheritdoc />
    public string? Parent => "bench";

    /// <inheritdoc />
    public Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Length of the test signal in seconds", DefaultValueFactory = _ => 60 };
        var mels = new Option<int>("--mels") { Description = "Mel bands", DefaultValueFactory = _ => 128 };
        var nfft = new Option<int>("--n-fft") { Description = "FFT size", DefaultValueFactory = _ => 2048 };
        var hop = new Option<int>("--hop") { Description = "Hop length", DefaultValueFactory = _ => 512 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions (the median is reported)", DefaultValueFactory = _ => 20 };
        var command = new Command("logmel", "Time log-mel spectrogram extraction (STFT + mel filters + dB) and print one JSON line.");
        foreach (var o in new Option[] { seconds, mels, nfft, hop, repeats }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            double s = parse.GetValue(seconds);
            int r = parse.GetValue(repeats);
            if (!(s > 0) || r < 1) throw new UserInputException("--seconds must be > 0 and --repeats ≥ 1");
            var settings = new LogMelSettings(NFft: parse.GetValue(nfft), HopLength: parse.GetValue(hop), Mels: parse.GetValue(mels));
            var signal = TestSignal(settings.SampleRate, (int)(s * settings.SampleRate));
            LogMelSpectrogram.Compute(signal, settings); // warm-up (JIT, plan cache)
            var times = new double[r];
            FeatureMatrix? result = null;
            for (int i = 0; i < r; i++)
            {
                var sw = Stopwatch.StartNew();
                result = LogMelSpectrogram.Compute(signal, settings);
                times[i] = sw.Elapsed.TotalSeconds;
            }
            Array.Sort(times);
            double median = times[r / 2];
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{{\"bench\":\"logmel\",\"impl\":\"musiccluster\",\"audio_seconds\":{s},\"sample_rate\":{settings.SampleRate},\"n_fft\":{settings.NFft},\"hop\":{settings.HopLength},\"n_mels\":{settings.Mels},\"frames\":{result!.Columns},\"threads\":{Environment.ProcessorCount},\"median_ms\":{median * 1e3:0.###},\"min_ms\":{times[0] * 1e3:0.###},\"realtime_factor\":{s / median:0.#}}}");
            Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary>A 100 Hz → 8 kHz exponential chirp plus a low deterministic noise floor.</summary>
    internal static float[] TestSignal(int sampleRate, int length)
    {
        var x = new float[length];
        double duration = (double)length / sampleRate, f0 = 100, f1 = 8000, k = Math.Log(f1 / f0) / duration;
        uint state = 12345;
        for (int n = 0; n < length; n++)
        {
            double t = (double)n / sampleRate;
            state = unchecked(state * 1664525u + 1013904223u);
            double noise = state / 4294967296.0 * 2 - 1;
            x[n] = (float)(0.5 * Math.Sin(2 * Math.PI * f0 * (Math.Exp(k * t) - 1) / k) + 0.01 * noise);
        }
        return x;
    }
}
