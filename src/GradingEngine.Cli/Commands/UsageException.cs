namespace GradingEngine.Cli.Commands;

/// <summary>
/// Thrown by a command's action for a wrong command line that only the action can see (a scheme id that names no
/// scheme, positional arguments that do not fit together); the message says what is wrong. Exit code 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
