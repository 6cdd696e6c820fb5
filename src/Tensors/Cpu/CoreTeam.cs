using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace MusicCluster.Tensors;

/// <summary>A team of worker threads, one per extra core, that runs the parts of one kernel call; workers spin briefly
/// after each call, as OpenMP's do, so the many short parallel regions of a training step do not wait for a thread to wake.</summary>
/// <remarks>
/// <see cref="Parallel.For(int, int, Action{int})"/> hands a replica task to the thread pool; below about 0.2 ms of work
/// the caller often finishes every part before a pool thread has woken, so a 1M-element add ran on one core. Parts are
/// claimed one at a time by whichever thread is free; callers give each part a fixed range, so results never depend on
/// which thread ran it. A call made while the team is busy (nested, or from another thread), or from a task or a pool
/// thread, falls back to <see cref="Parallel.For(int, int, Action{int})"/>.
/// </remarks>
internal static class CoreTeam
{
    // How long a worker keeps spinning for the next call before it blocks (the serial work between two kernels of a
    // training step is usually far shorter).
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly Call Idle = new(_ => { }, 0);
    private static Call _current = Idle;
    private static int _started;
    private static int _busy;
    private static int _sleepers;

    /// <summary>Threads that take part in a call: the caller and its workers.</summary>
    public static int Size => Environment.ProcessorCount;

    /// <summary>Runs body(part) once for every part in [0, parts), the caller taking parts too; returns when all are done,
    /// rethrowing the first exception a part threw.</summary>
    public static void Run(int parts, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (parts <= 0) return;
        if (parts == 1 || Size == 1)
        {
            for (int part = 0; part < parts; part++) body(part);
            return;
        }
        // Inside a task or on a pool thread the caller is usually one of several already running on every core (a
        // Parallel.For over row chunks that multiplies matrices); the team's extra thread and its spinning would then
        // oversubscribe the cores (DBSCAN 100k×16 took 1.6× as long), so those calls keep Parallel.For's behaviour.
        if (Task.CurrentId is not null || Thread.CurrentThread.IsThreadPoolThread || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            try
            {
                Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(parts, Size) }, body);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); // the same exception as the team path throws
            }
            return;
        }
        try
        {
            StartWorkers();
            // Each call has its own counters, so a worker still holding an earlier call claims nothing from this one.
            var call = new Call(body, parts);
            Volatile.Write(ref _current, call);
            int sleeping = Interlocked.Exchange(ref _sleepers, 0);
            if (sleeping > 0) Wake.Release(sleeping);
            call.TakeParts();
            var wait = new SpinWait();
            while (Volatile.Read(ref call.Done) < parts) wait.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref _current, Idle); // lets go of the body and the arrays it holds
            call.Failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private sealed class Call(Action<int> body, int parts)
    {
        public int Next, Done;
        public ExceptionDispatchInfo? Failure;

        public void TakeParts()
        {
            for (int part = Interlocked.Increment(ref Next) - 1; part < parts; part = Interlocked.Increment(ref Next) - 1)
            {
                try
                {
                    body(part);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Failure, ExceptionDispatchInfo.Capture(e), null);
                }
                Interlocked.Increment(ref Done);
            }
        }
    }

    private static void StartWorkers()
    {
        if (Volatile.Read(ref _started) != 0) return;
        lock (Gate)
        {
            if (_started != 0) return;
            for (int i = 1; i < Size; i++)
                new Thread(Work) { IsBackground = true, Name = $"MusicCluster core {i}" }.Start();
            Volatile.Write(ref _started, 1);
        }
    }

    private static void Work()
    {
        var seen = Volatile.Read(ref _current);
        while (true)
        {
            seen = AwaitCall(seen);
            seen.TakeParts();
        }
    }

    // Spins for a while for a call other than `seen`, then sleeps until a caller wakes it.
    private static Call AwaitCall(Call seen)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (true)
        {
            var now = Volatile.Read(ref _current);
            if (now != seen) return now;
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(16);
                continue;
            }
            Interlocked.Increment(ref _sleepers);
            now = Volatile.Read(ref _current);
            if (now != seen) return now; // a caller came between the check and the count; a spare Wake count is harmless
            Wake.Wait();
            deadline = Stopwatch.GetTimestamp() + SpinTicks;
        }
    }
}
