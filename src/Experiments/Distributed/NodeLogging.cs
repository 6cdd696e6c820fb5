using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MusicCluster.Experiments.Distributed;

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
