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
        // A redirected console has no width; a fixed one keeps tables from wrapping at 80 columns.
        if (!Interactive) _console.Profile.Width = 160;
    }

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
            _console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(description), maxValue: total);
                    task.Value = alreadyDone;
                    work((done, status) =>
                    {
                        task.Value = done;
                        // Long descriptions wrap the bar on narrow terminals.
                        string text = $"{description}: {status}";
                        task.Description = Markup.Escape(text.Length > 56 ? text[..55] + "…" : text);
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

    private void AfterTick(string description, int done)
    {
        Ticked?.Invoke(description, done);
        Cancellation.ThrowIfCancellationRequested();
    }
}
