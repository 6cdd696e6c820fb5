using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Distributed;

/// <summary>Node addresses as the command line names them: <c>HOST:PORT</c>, where a node listens to silos on PORT and to clients on PORT + 1.</summary>
public static class ClusterEndpoints
{
    /// <summary>Cluster and service id shared by every node and client (one cluster per membership table).</summary>
    public const string ClusterId = "musiccluster";

    /// <summary>The node's silo-to-silo port is the one given; clients connect one above it.</summary>
    public static int GatewayPort(int port) => port + 1;

    /// <summary>Parses <c>HOST:PORT[,HOST:PORT…]</c> (IPv4, [IPv6] or a host name) for <paramref name="option"/>; bad input names the option.</summary>
    public static IPEndPoint[] Parse(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new UserInputException($"{option}: expected HOST:PORT, got '{text}'");
        var result = new IPEndPoint[parts.Length];
        for (int i = 0; i < parts.Length; i++) result[i] = ParseOne(parts[i], option);
        return result;
    }

    /// <summary>A valid node port (its gateway, one above, must fit too).</summary>
    public static int CheckPort(int port, string option) => port is >= 1 and <= 65534
        ? port : throw new UserInputException($"{option} must be in 1..65534 (the node also uses the port above it), got {port}");

    private static IPEndPoint ParseOne(string s, string option)
    {
        int colon = s.LastIndexOf(':');
        if (colon <= 0 || colon == s.Length - 1) throw new UserInputException($"{option}: expected HOST:PORT, got '{s}'");
        string host = s[..colon].Trim('[', ']');
        if (!int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
            throw new UserInputException($"{option}: the port of '{s}' is not a number");
        CheckPort(port, option);
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, port);
        try
        {
            var found = Dns.GetHostAddresses(host);
            var pick = Array.Find(found, a => a.AddressFamily == AddressFamily.InterNetwork) ?? (found.Length > 0 ? found[0] : null);
            return pick is null ? throw new UserInputException($"{option}: host '{host}' has no address") : new IPEndPoint(pick, port);
        }
        catch (SocketException e) { throw new UserInputException($"{option}: cannot resolve host '{host}' ({e.Message})"); }
    }
}
