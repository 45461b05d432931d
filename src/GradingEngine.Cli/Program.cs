using System.Reflection;
using System.Text;
using System.CommandLine;
using System.CommandLine.Invocation;
using GradingEngine.Cli.Commands;

namespace GradingEngine.Cli;

/// <summary>The <c>grading</c> command.</summary>
public static class Program
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>
    /// Exit code: the input (a scheme, a data file) has problems, all of them reported; for a batch, nothing was graded
    /// (a file cannot be used, or every row was rejected).
    /// </summary>
    public const int InputProblems = 1;

    /// <summary>Exit code: the command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Exit code: the run completed, but some rows were rejected (listed in errors.csv).</summary>
    public const int RowsRejected = 3;

    /// <summary>Exit code: cancelled (Ctrl+C); nothing was written.</summary>
    public const int Cancelled = 130;

    /// <summary>The tool's version as <c>grading --version</c> prints it: the informational version (the package version, then <c>+</c> and the source revision when built from a repository).</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// Runs a command line, writing to the given streams; returns the exit code. A command line that does not parse
    /// (an unknown option, a missing or wrong value …) is exit code <see cref="Usage"/> with every error named.
    /// </summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 0 && args[0] == "help")
        {
            args = [.. args.Skip(1), "--help"]; // grading help [command]: the help of the tool or of the command
        }

        var root = new GradingRootCommand();
        var result = root.Parse(args, GradingRootCommand.Parsing);
        if (result.Action is ParseErrorAction)
        {
            ParseErrors.Write(root, args, result, error);
            return Usage;
        }

        // Ctrl+C is the commands' own (Commands/CtrlC.cs): only those that watch for it catch it, so it ends any other at once.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return result.Invoke(configuration);
    }

    /// <summary>
    /// An exception's message as a user should read it: without the <c>(Parameter 'x')</c> that an
    /// <see cref="ArgumentException"/> adds, which names a parameter of the code, not anything the user typed.
    /// </summary>
    internal static string UserMessage(Exception exception)
    {
        var message = exception.Message;
        if (exception is not ArgumentException { ParamName: { Length: > 0 } name })
        {
            return message;
        }

        var suffix = new ArgumentException(string.Empty, name).Message.Trim(); // "(Parameter 'x')", as the runtime words it
        var at = message.IndexOf(suffix, StringComparison.Ordinal);
        return at < 0 ? message : message[..at].TrimEnd() + message[(at + suffix.Length)..];
    }
}
