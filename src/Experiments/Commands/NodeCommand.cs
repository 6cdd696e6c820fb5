using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Hosting;
using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Distributed;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MusicCluster.Experiments.Commands;

/// <summary><c>musiccluster node --port P [--primary HOST:PORT] [--host ADDRESS]</c>: runs one Orleans silo until stopped (Ctrl-C or SIGTERM).</summary>
public sealed class NodeCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var port = new Option<int>("--port") { Description = "silo port; clients connect on the port above it", Required = true };
        var primary = new Option<string?>("--primary") { Description = "HOST:PORT of the cluster's first node (omit on the first node itself)" };
        var host = new Option<string>("--host") { Description = "address this node is reached at by the others (loopback: a cluster on one machine)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("node", "Run a cluster node (an Orleans silo) that extract, encode and cluster --cluster send work to; stops on Ctrl-C or SIGTERM.");
        foreach (var o in new Option[] { port, primary, host }) command.Options.Add(o);
        command.SetAction(r => UserErrors.Run(() =>
        {
            int p = ClusterEndpoints.CheckPort(r.GetValue(port), "--port");
            var primaryNode = r.GetValue(primary) is { } text ? ClusterEndpoints.Parse(text, "--primary") : null;
            if (primaryNode is { Length: > 1 }) throw new UserInputException("--primary names one node, HOST:PORT");
            if (!IPAddress.TryParse(r.GetValue(host), out var address)) throw new UserInputException($"--host must be an IP address, got '{r.GetValue(host)}'");
            return Run(p, address, primaryNode?[0]).GetAwaiter().GetResult();
        }));
        return command;
    }

    /// <summary>Turns off the thread-pool spinning musiccluster's runtime config asks for; call before the pool starts.</summary>
    /// <remarks>
    /// Spinning pays off for kernels that open a parallel region every few milliseconds; a node mostly waits on messages and
    /// timers, and with spinning an idle node burnt ~30 % of a core (0.7 % without), taken from the nodes doing work.
    /// </remarks>
    internal static void PrepareProcess() => AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);

    private static async Task<int> Run(int port, IPAddress address, IPEndPoint? primary)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        NodeLogging.Configure(builder.Logging);
        builder.UseOrleans(silo =>
        {
            if (IPAddress.IsLoopback(address))
                silo.UseLocalhostClustering(port, ClusterEndpoints.GatewayPort(port), primary, ClusterEndpoints.ClusterId, ClusterEndpoints.ClusterId);
            else
            {
                // Membership kept by the primary node: enough for a trusted network; a production cluster uses a membership
                // table instead (README: ADO.NET clustering on PostgreSQL), and then no node is special.
                silo.UseDevelopmentClustering(primary ?? new IPEndPoint(address, port));
                silo.ConfigureEndpoints(address, port, ClusterEndpoints.GatewayPort(port), listenOnAnyHostAddress: true);
                silo.Configure<ClusterOptions>(o => { o.ClusterId = ClusterEndpoints.ClusterId; o.ServiceId = ClusterEndpoints.ClusterId; });
            }
            silo.AddMusicCluster();
        });
        using var app = builder.Build();
        try { await app.StartAsync(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UserInputException($"--port {port}: the node could not start ({e.Message.Split('\n')[0]})");
        }
        Console.Out.WriteLine($"node {address}:{port} ready (clients connect on {ClusterEndpoints.GatewayPort(port)}; primary {(primary is null ? "this node" : primary.ToString())})");
        Console.Out.Flush();
        await app.WaitForShutdownAsync();
        return 0;
    }
}
