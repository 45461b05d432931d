using System.CommandLine;
using System.CommandLine.Invocation;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading --version</c>: prints <see cref="Program.Version"/>; anything else on the line is a wrong command line.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.Tokens.Count > 1)
        {
            parseResult.InvocationConfiguration.Error.WriteLine("用法 (usage): grading --version");
            return Program.Usage;
        }

        parseResult.InvocationConfiguration.Output.WriteLine(Program.Version);
        return Program.Ok;
    }
}
