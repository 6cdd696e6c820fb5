using System.Diagnostics;
using System.Globalization;

namespace MusicCluster.Experiments.Cli;

/// <summary>
/// A progress line with elapsed time and ETA on standard error, so that standard output stays clean for pipes. On a terminal
/// one line is redrawn in place (at most a few times a second); when redirected, a line is printed at every quarter.
/// Nothing is shown for work that finishes within <see cref="Delay"/>.
/// </summary>
public sealed class StderrProgress
{
    private readonly TextWriter _writer;
    private readonly bool _inPlace;
    private readonly int _width;
    private readonly Func<TimeSpan> _clock;
    private readonly object _gate = new();
    private TimeSpan _lastDrawn, _firstTime;
    private double _firstFraction = double.NaN;
    private bool _drawn;
    private int _lastQuarter = -1, _drawnLength;

    /// <summary>A progress display for <paramref name="label"/> (e.g. "ward"); the defaults are standard error and its terminal state and width.</summary>
    public StderrProgress(string label, TextWriter? writer = null, bool? inPlace = null, int? width = null, Func<TimeSpan>? clock = null)
    {
        Label = label;
        _writer = writer ?? Console.Error;
        _inPlace = inPlace ?? (writer is null && !Console.IsErrorRedirected);
        _width = width ?? ConsoleWidth.ForStandardError();
        var sw = Stopwatch.StartNew();
        _clock = clock ?? (() => sw.Elapsed);
    }

    /// <summary>What is being done.</summary>
    public string Label { get; }

    /// <summary>Work shorter than this shows no progress at all.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reports the share of the work done (0–1); safe to call from any thread, cheap to call often.</summary>
    public void Report(double fraction) => Report(fraction, null);

    /// <summary>As <see cref="Report(double)"/>, with <paramref name="detail"/> (e.g. "812/10000 tracks · 95 tracks/s") after the percentage.</summary>
    public void Report(double fraction, string? detail)
    {
        var now = _clock();
        fraction = Math.Clamp(fraction, 0, 1);
        lock (_gate)
        {
            // The rate is measured from the first report, so set-up before it (t-SNE's neighbour search) does not skew the ETA.
            if (double.IsNaN(_firstFraction)) (_firstTime, _firstFraction) = (now, fraction);
            if (now < Delay) return;
            if (_inPlace)
            {
                if (_drawn && now - _lastDrawn < TimeSpan.FromMilliseconds(250) && fraction < 1) return;
                _lastDrawn = now;
                _drawn = true;
                string line = Line(fraction, now, detail);
                _writer.Write("\r" + line.PadRight(_drawnLength));
                _drawnLength = line.Length;
            }
            else
            {
                int quarter = (int)(fraction * 4);
                if (quarter <= _lastQuarter) return;
                _lastQuarter = quarter;
                _writer.WriteLine(Line(fraction, now, detail));
            }
            _writer.Flush();
        }
    }

    /// <summary>Ends the in-place line (call once the work is done).</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (_inPlace && _drawnLength > 0) _writer.WriteLine();
            _drawnLength = 0;
        }
    }

    /// <summary>"ward: 45% · 0:12 elapsed · ETA 0:15", cut to the console width; the ETA extrapolates the rate since the first report.</summary>
    public string Line(double fraction, TimeSpan elapsed, string? detail = null)
    {
        bool started = !double.IsNaN(_firstFraction);
        double done = fraction - (started ? _firstFraction : 0), seconds = (elapsed - (started ? _firstTime : TimeSpan.Zero)).TotalSeconds;
        string eta = fraction >= 1 ? "0:00" : done > 0 ? Clock(TimeSpan.FromSeconds(seconds * (1 - fraction) / done)) : "--:--";
        string line = string.Create(CultureInfo.InvariantCulture, $"{Label}: {fraction * 100,3:F0}%{(detail is null ? "" : " · " + detail)} · {Clock(elapsed)} elapsed · ETA {eta}");
        return line.Length < _width ? line : line[..(_width - 1)];
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:D2}");
}
