using Spectre.Console;

namespace MusicCluster.Experiments.Runner;

/// <summary>The runner's output: Spectre.Console progress bars on a terminal, plain timestamped lines when stdout is redirected.</summary>
public sealed class RunConsole
{
    private readonly IAnsiConsole _console;

    /// <summary>Writes to <paramref name="writer"/> (default: the current Console.Out); interactive only when it is a terminal.</summary>
    public RunConsole(TextWriter? writer = null, bool? interactive = null)
    {
        writer ??= Console.Out;
        Interactive = interactive ?? (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // COLUMNS (as set by shells, or by hand) wins; a redirected console has no width of its own, so it gets 80.
        if (Cli.ConsoleWidth.FromEnvironment() is int columns) _console.Profile.Width = columns;
        else if (!Interactive) _console.Profile.Width = Cli.ConsoleWidth.Default;
    }

    /// <summary>Columns available for one line of output.</summary>
    public int Width => _console.Profile.Width;

    /// <summary>Cancelled on Ctrl-C: the work stops at the next progress tick, after that step's checkpoint is written.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Raised at every progress tick with the task description and the steps done (logging, tests).</summary>
    public event Action<string, int>? Ticked;

    /// <summary>True when progress bars are drawn.</summary>
    public bool Interactive { get; }

    /// <summary>The underlying Spectre console (for tables).</summary>
    public IAnsiConsole Ansi => _console;

    /// <summary>Writes one plain line (no markup interpretation).</summary>
    public void Line(string text) => _console.WriteLine(text);

    /// <summary>Writes a heading line.</summary>
    public void Heading(string text)
    {
        if (Interactive) _console.Write(new Rule($"[bold]{Markup.Escape(text)}[/]").LeftJustified());
        else _console.WriteLine($"== {text}");
    }

    /// <summary>Runs <paramref name="work"/>, which reports progress through tick(done, status); bar on a terminal, a few lines otherwise.</summary>
    public void Progress(string description, int total, int alreadyDone, Action<Action<int, string>> work)
    {
        total = Math.Max(total, 1);
        if (Interactive)
        {
            // Bar, percentage (4), elapsed and remaining (8 each) and the gaps between them must fit beside the description.
            int bar = Math.Clamp(Width / 5, 10, 40), room = Math.Max(12, Width - bar - 4 - 8 - 8 - 5 - 2);
            _console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = bar }, new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(Fit(description, room)), maxValue: total);
                    task.Value = alreadyDone;
                    work((done, status) =>
                    {
                        task.Value = done;
                        // Long descriptions wrap the bar on narrow terminals.
                        task.Description = Markup.Escape(Fit($"{description}: {status}", room));
                        AfterTick(description, done);
                    });
                    task.Value = total;
                });
            _console.WriteLine($"  {description}: done");
            return;
        }
        // Redirected: about four lines per task, so logs stay readable.
        int step = Math.Max(1, total / 4), lastPrinted = alreadyDone;
        string last = "";
        work((done, status) =>
        {
            last = status;
            if (done - lastPrinted >= step || done == total)
            {
                lastPrinted = done;
                _console.WriteLine($"  {description}: {done}/{total} {status}");
            }
            AfterTick(description, done);
        });
        if (lastPrinted < total) _console.WriteLine($"  {description}: done {last}");
    }

    private static string Fit(string text, int room) => text.Length > room ? text[..(room - 1)] + "…" : text;

    private void AfterTick(string description, int done)
    {
        Ticked?.Invoke(description, done);
        Cancellation.ThrowIfCancellationRequested();
    }
}
