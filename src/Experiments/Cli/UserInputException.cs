namespace MusicCluster.Experiments.Cli;

/// <summary>Bad input from the user (a file, a row, an argument): printed as one clear line, exit code 2.</summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
