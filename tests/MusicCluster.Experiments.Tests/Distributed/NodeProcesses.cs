using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary>`musiccluster node` processes on 127.0.0.1, on ports free when they start; all are killed on dispose.</summary>
internal sealed class NodeProcesses : IDisposable
{
    private readonly List<(Process Process, int Port)> _nodes = [];

    /// <summary>Starts <paramref name="count"/> nodes, the first as primary, and waits until each says it is ready.</summary>
    public static NodeProcesses Start(int count)
    {
        var nodes = new NodeProcesses();
        try
        {
            int primary = nodes.StartOne(null);
            var rest = Enumerable.Range(1, count - 1).Select(_ => Task.Run(() => nodes.StartOne(primary))).ToArray();
            Task.WaitAll(rest);
            return nodes;
        }
        catch { nodes.Dispose(); throw; }
    }

    /// <summary>The nodes' ports, in start order.</summary>
    public IReadOnlyList<int> Ports { get { lock (_nodes) return _nodes.Select(n => n.Port).ToArray(); } }

    /// <summary>Kills the node on <paramref name="port"/> with SIGKILL.</summary>
    public void Kill(int port)
    {
        Process p;
        lock (_nodes) p = _nodes.Single(n => n.Port == port).Process;
        p.Kill();
    }

    private int StartOne(int? primary)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePortPair();
            var args = new List<string> { "node", "--port", port.ToString() };
            if (primary is { } pp) args.AddRange(["--primary", $"127.0.0.1:{pp}"]);
            var process = StartNode(args);
            var ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) => { if (e.Data is null) ready.TrySetResult(false); else if (e.Data.Contains(" ready ")) ready.TrySetResult(true); };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (ready.Task.Wait(TimeSpan.FromSeconds(60)) && ready.Task.Result)
            {
                lock (_nodes) _nodes.Add((process, port));
                return port;
            }
            process.Kill();
            process.Dispose();
            // Another program may have taken the port between the probe and the start.
            if (attempt == 2) throw new InvalidOperationException($"musiccluster node --port {port} did not become ready");
        }
    }

    // Tiered compilation back on: musiccluster turns it off for steady kernel timings, which makes a node's start-up JIT
    // all of Orleans fully optimised (seconds per node on a loaded 2-core machine).
    private static Process StartNode(List<string> args) =>
        ChildProcess.Start([.. args], new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1" });

    // A port p with p + 1 free as well (the node's gateway).
    private static int FreePortPair()
    {
        for (int i = 0; i < 50; i++)
        {
            var a = new TcpListener(IPAddress.Loopback, 0);
            a.Start();
            int p = ((IPEndPoint)a.LocalEndpoint).Port;
            try
            {
                if (p >= 65534) continue;
                var b = new TcpListener(IPAddress.Loopback, p + 1);
                try { b.Start(); b.Stop(); return p; }
                catch (SocketException) { }
            }
            finally { a.Stop(); }
        }
        throw new InvalidOperationException("no free pair of loopback ports found");
    }

    public void Dispose()
    {
        lock (_nodes)
            foreach (var (p, _) in _nodes)
            {
                try { if (!p.HasExited) p.Kill(); } catch (InvalidOperationException) { }
                p.Dispose();
            }
    }
}
