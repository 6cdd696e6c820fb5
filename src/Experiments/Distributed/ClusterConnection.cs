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
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        NodeLogging.Configure(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterEndpoints.ClusterId; o.ServiceId = ClusterEndpoints.ClusterId; });
        });
        var host = builder.Build();
        try { await host.StartAsync(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            host.Dispose();
            throw new UserInputException($"{option} {cluster}: no node answered on {string.Join(", ", gateways.Select(g => g.ToString()))} " +
                $"(is `musiccluster node --port {nodes[0].Port}` running there?): {e.Message.Split('\n')[0]}");
        }
        return new ClusterConnection(host);
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(5)); } finally { _host.Dispose(); }
    }
}

/// <summary>Orleans' own log lines, warnings and worse, on standard error (standard output stays for results).</summary>
internal static class NodeLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
    }
}
