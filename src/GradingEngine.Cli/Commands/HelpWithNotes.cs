using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace GradingEngine.Cli.Commands;

/// <summary><c>--help</c>: System.CommandLine's help of the command, then its notes (what it does in detail, its exit codes).</summary>
internal sealed class HelpWithNotes(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>Help is asked for: any other problem of the command line does not matter.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        help.Invoke(parseResult);
        var notes = parseResult.CommandResult.Command switch
        {
            GradingCommand command => command.Notes,
            GradingRootCommand => GradingRootCommand.Notes,
            _ => null,
        };
        if (notes is not null)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(notes);
        }

        return Program.Ok;
    }
}
