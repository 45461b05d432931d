using System.CommandLine;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// A command of the <c>grading</c> tool: System.CommandLine parses and checks its options and arguments; its help
/// ends with <see cref="Notes"/>; its action runs <see cref="Run"/> on the invocation's writers, with what the run
/// throws turned into the tool's message and exit code (<see cref="Outcome"/>).
/// </summary>
internal abstract class GradingCommand : Command
{
    protected GradingCommand(string name, string description)
        : base(name, description)
    {
        SetAction((result, cancellation) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            return Task.FromResult(Outcome.Of(() => Run(result, output, error, cancellation), error));
        });
    }

    /// <summary>What the help shows after the options: the command in detail and its exit codes.</summary>
    public abstract string Notes { get; }

    /// <summary>Runs the command on a parsed command line without errors; returns the exit code.</summary>
    protected abstract int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation);
}
