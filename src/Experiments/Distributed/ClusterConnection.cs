using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicCluster.Experiments.Cli;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MusicCluster.Experiments.Distributed;

/// <summary>An Orleans client connected to the nodes named by <c>--cluster HOST:PORT[,HOST:PORT…]</c> (their gateways, one port above).</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host) { _host = host; Client = host.Services.GetRequiredService<IClusterClient>(); }

    /// <summary>The connected client.</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects, or fails with a one-line error naming the option and the addresses tried.</summary>
    public static async Task<ClusterConnection> ConnectAsync(string cluster, string option = "--cluster")
    {
        var nodes = ClusterEndpoints.Parse(cluster, option);
        var gateways = nodes.Select(n => new IPEndPoint(n.Address, ClusterEndpoints.GatewayPort(n.Port))).ToArray();
        await RequireAnyListening(gateways, cluster, option, nodes[0].Port);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Orleans' own client log (connection retries, stack traces) stays quiet: failures reach the user as one line from here.
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterEndpoints.ClusterId; o.ServiceId = ClusterEndpoints.ClusterId; });
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await host.StartAsync(timeout.Token); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Dispose();
            throw new UserInputException($"{option} {cluster}: no node answered on {string.Join(", ", gateways.Select(g => g.ToString()))} " +
                $"(is `musiccluster node --port {nodes[0].Port}` running there?): {e.Message.Split('\n')[0]}");
        }
        return new ClusterConnection(host);
    }

    // Orleans retries a refused gateway for minutes; a cluster that is not there at all is reported at once.
    private static async Task RequireAnyListening(IPEndPoint[] gateways, string cluster, string option, int port)
    {
        foreach (var g in gateways)
        {
            using var socket = new System.Net.Sockets.Socket(g.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await socket.ConnectAsync(g, timeout.Token); return; }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException) { }
        }
        throw new UserInputException($"{option} {cluster}: no node answered on {string.Join(", ", gateways.Select(g => g.ToString()))} " +
            $"(is `musiccluster node --port {port}` running there?)");
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)); } finally { _host.Dispose(); }
    }
}
