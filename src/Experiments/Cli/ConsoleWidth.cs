namespace MusicCluster.Experiments.Cli;

/// <summary>How wide console output may be: the COLUMNS environment variable when set, else the terminal's width, else 80.</summary>
public static class ConsoleWidth
{
    /// <summary>The width used when output is redirected and COLUMNS is not set.</summary>
    public const int Default = 80;

    /// <summary>COLUMNS as a number of at least 20, or null when it is unset or not a number.</summary>
    public static int? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int c) && c >= 20
            ? c : null;

    /// <summary>COLUMNS, else the width of standard error when it is a terminal, else <see cref="Default"/> (for the stderr progress line).</summary>
    public static int ForStandardError()
    {
        if (FromEnvironment() is int c) return c;
        try
        {
            if (!Console.IsErrorRedirected && Console.WindowWidth >= 20) return Console.WindowWidth;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException) { }
        return Default;
    }
}
