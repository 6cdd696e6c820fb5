using System.Collections.Concurrent;
using Orleans.Runtime;

namespace MusicCluster.Experiments.Distributed;

/// <summary>
/// Runs numbered work items on every live node of a cluster, a few at a time per node. An item whose node leaves the
/// cluster (Orleans' failure detection declares it dead) or whose call fails in transport runs again on another node;
/// an error raised by the work itself ends the job.
/// </summary>
/// <remarks>
/// Membership comes from Orleans (<c>IManagementGrain.GetHosts</c>), polled in the background; nodes that join
/// during a job get work too. Items may therefore run more than once, so they must be idempotent; results are kept per
/// item index, so the caller combines them in a fixed order however they were spread.
/// </remarks>
public sealed class ClusterWork : IAsyncDisposable
{
    private const int MaxAttempts = 8;
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _poll;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Dictionary<string, CancellationTokenSource> _alive = new(StringComparer.Ordinal);
    private Task _monitor = Task.CompletedTask;

    private ClusterWork(IGrainFactory grains, TimeSpan poll) { _grains = grains; _poll = poll; }

    /// <summary>Reads the cluster's live nodes once and keeps following its membership until disposed.</summary>
    public static async Task<ClusterWork> StartAsync(IGrainFactory grains, TimeSpan? poll = null)
    {
        var work = new ClusterWork(grains, poll ?? TimeSpan.FromMilliseconds(250));
        await work.RefreshAsync();
        if (work.Silos.Count == 0) throw new InvalidOperationException("the cluster has no live node");
        work._monitor = work.MonitorAsync();
        return work;
    }

    /// <summary>The live nodes' keys (silo addresses, as the pinned worker grains are keyed), in ordinal order.</summary>
    public IReadOnlyList<string> Silos
    {
        get { lock (_gate) { var keys = _alive.Keys.ToArray(); Array.Sort(keys, StringComparer.Ordinal); return keys; } }
    }

    /// <summary>Times an item was started again after its node died or its call failed in transport.</summary>
    public int Retries => _retries;
    private int _retries;

    /// <summary>
    /// Runs call(node, item) for items 0..count−1 with <paramref name="lanes"/> calls in flight per node; returns the
    /// results by item. <paramref name="done"/> is told (item, node) as each finishes.
    /// </summary>
    public async Task<T[]> RunAsync<T>(int count, Func<string, int, Task<T>> call, int lanes = 2, Action<int, string>? done = null, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var results = new T[count];
        if (count == 0) return results;
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, count));
        using var available = new SemaphoreSlim(count);
        var attempts = new int[count];
        int finished = 0;
        var failure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new Dictionary<string, List<Task>>(StringComparer.Ordinal);
        var deadSince = DateTime.UtcNow;
        using var over = new CancellationTokenSource();

        async Task Lane(string silo, CancellationToken gone)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(gone, over.Token);
            while (!allDone.Task.IsCompleted && !failure.Task.IsCompleted)
            {
                try { await available.WaitAsync(idle.Token); }
                catch (OperationCanceledException) { return; }
                if (!queue.TryDequeue(out int item)) continue;
                try
                {
                    results[item] = await call(silo, item).WaitAsync(gone);
                    if (Interlocked.Increment(ref finished) == count) allDone.TrySetResult();
                    done?.Invoke(item, silo);
                }
                catch (Exception e) when (IsTransport(e) || gone.IsCancellationRequested)
                {
                    queue.Enqueue(item);
                    available.Release();
                    Interlocked.Increment(ref _retries);
                    if (Interlocked.Increment(ref attempts[item]) >= MaxAttempts)
                        failure.TrySetException(new InvalidOperationException($"work item {item} failed {MaxAttempts} times on the cluster; last: {e.Message}", e));
                    if (gone.IsCancellationRequested) return;
                    await Task.Delay(100, CancellationToken.None);
                }
                catch (Exception e) { failure.TrySetException(e); }
            }
        }

        while (!allDone.Task.IsCompleted)
        {
            cancel.ThrowIfCancellationRequested();
            if (failure.Task.IsCompleted) break;
            Dictionary<string, CancellationTokenSource> alive;
            lock (_gate) alive = _alive;
            foreach (var (silo, token) in alive)
            {
                if (running.TryGetValue(silo, out var tasks) && tasks.Exists(t => !t.IsCompleted)) continue;
                running[silo] = Enumerable.Range(0, lanes).Select(_ => Task.Run(() => Lane(silo, token.Token))).ToList();
            }
            if (alive.Count > 0) deadSince = DateTime.UtcNow;
            else if (DateTime.UtcNow - deadSince > TimeSpan.FromSeconds(30)) throw new InvalidOperationException("no node of the cluster has been alive for 30 s");
            await Task.WhenAny(allDone.Task, failure.Task, Task.Delay(100, cancel));
        }
        over.Cancel();
        // After a failure the lanes still in a call are left to finish on their own; their results are not wanted.
        if (failure.Task.IsCompleted) await failure.Task;
        await Task.WhenAll(running.Values.SelectMany(t => t));
        return results;
    }

    /// <summary>Failures of the messaging layer rather than of the work: the item is worth running again elsewhere.</summary>
    private static bool IsTransport(Exception e) => e is OrleansException or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException;

    private async Task MonitorAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_poll, _stop.Token); } catch (OperationCanceledException) { return; }
            try { await RefreshAsync(); }
            catch (Exception e) when (!_stop.IsCancellationRequested && (IsTransport(e) || e is InvalidOperationException)) { /* keep the last view; the next poll retries */ }
        }
    }

    private async Task RefreshAsync()
    {
        var hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5));
        var next = new Dictionary<string, CancellationTokenSource>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (silo, status) in hosts)
            {
                if (status != SiloStatus.Active) continue;
                string key = silo.ToParsableString();
                next[key] = _alive.TryGetValue(key, out var known) ? known : new CancellationTokenSource();
            }
            foreach (var (key, token) in _alive) if (!next.ContainsKey(key)) token.Cancel();
            _alive = next;
        }
    }

    /// <summary>Stops following the membership.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _monitor;
        _stop.Dispose();
    }
}
