using System.Reflection;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Cli.Commands;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Schemes.Json;

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

    /// <summary>Runs a command line, writing to the given streams; returns the exit code.</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Help);
            return args.Count == 0 ? Usage : Ok;
        }

        if (args[0] == "--version")
        {
            if (args.Count > 1)
            {
                return Fail(error, "用法 (usage): grading --version");
            }

            output.WriteLine(Version);
            return Ok;
        }

        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(rest, output, error),
                "grade" => BatchCommands.Grade(rest, output, error),
                "explain" => BatchCommands.Explain(rest, output, error),
                "generate" => BatchCommands.Generate(rest, output, error),
                "demo" => BatchCommands.Demo(rest, output, error),
                "diff" => DiffCommand.Run(rest, output, error),
                "describe" => DescribeCommand.Run(rest, output, error),
                "report" => ReportCommand.Run(rest, output, error),
                "test" => TestCommand.Run(rest, output, error),
                _ => Fail(error, $"未知命令“{args[0]}” (unknown command '{args[0]}'). Run 'grading --help'."),
            };
        }
        catch (UsageException ex)
        {
            return Fail(error, ex.Message);
        }
        catch (BatchOutputConflictException ex)
        {
            return Fail(error, ex.Message); // --out names the data folder (or holds another input): a wrong command line
        }
        catch (GradingEngine.Grading.Cases.SchemeCaseFileException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(problem);
            }

            return InputProblems;
        }
        catch (SchemeLoadException ex)
        {
            BatchCommands.Print(ex, error);
            return InputProblems;
        }
        catch (Exception ex) when (ex is BatchInputException or Store.StoreException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or IOException)
        {
            error.WriteLine(UserMessage(ex));
            return InputProblems;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine();
            error.WriteLine("已取消：未写入任何结果文件 (cancelled; no result files were written)");
            return Cancelled;
        }
    }

    private const string Help = """
        grading — 党组织、领导班子、党员评定 (grade Party organisations, leadership teams and members)

        Usage:
          grading demo                               generate a sample province, grade it, print the summary
          grading grade --data <folder>              grade a province's files (members, teams, organisations)
          grading explain <org id> --data <folder>   why one organisation got its level
          grading generate --out <folder>            write a sample province (any scale, fixed seed)
          grading validate <scheme.json | folder>    check schemes: every problem with file(line,col)
          grading diff <old> <new> --data <folder>   what a scheme change would do to a province
          grading describe <scheme id> --out <dir>   write a scheme's rule book (评分规则手册): Markdown and HTML
          grading report --results <folder>          a run's results as one HTML page with charts (report.html)
          grading test <folder | scheme.json>        run the golden cases beside the schemes (cases/*.cases.json)
          grading <command> --help                   help for one command
          grading --version                          print the version

        Exit codes: 0 ok · 1 the input has problems (all reported); nothing graded · 2 wrong command line
                    3 graded, but some rows were rejected (errors.csv) · 130 cancelled
        """;

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

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Usage;
    }
}
