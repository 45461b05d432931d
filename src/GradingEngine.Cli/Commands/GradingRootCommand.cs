using System.CommandLine;
using System.CommandLine.Help;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// The <c>grading</c> command: its subcommands, <c>--help</c> (System.CommandLine's help followed by each command's
/// notes), <c>--version</c> (<see cref="Program.Version"/>) and the <c>[suggest]</c> directive for tab completion.
/// Alone, it prints the help with exit code 2.
/// </summary>
internal sealed class GradingRootCommand : RootCommand
{
    public GradingRootCommand()
        : base("grading — 党组织、领导班子、党员评定 (grade Party organisations, leadership teams and members)")
    {
        HelpName = "grading";
        Subcommands.Add(new DemoCommand());
        Subcommands.Add(new GradeCommand());
        Subcommands.Add(new ExplainCommand());
        Subcommands.Add(new GenerateCommand());
        Subcommands.Add(new ValidateCommand());
        Subcommands.Add(new DiffCommand());
        Subcommands.Add(new DescribeCommand());
        Subcommands.Add(new ReportCommand());
        Subcommands.Add(new TestCommand());

        var help = Options.OfType<HelpOption>().Single();
        help.Description = "显示帮助和用法 (show help and usage)";
        var helpWithNotes = new HelpWithNotes((HelpAction)help.Action!);
        help.Action = helpWithNotes;
        var version = Options.OfType<VersionOption>().Single();
        version.Description = "显示版本 (show the version)";
        version.Action = new VersionAction();
        SetAction(result =>
        {
            helpWithNotes.Invoke(result);
            return Program.Usage;
        });
    }

    /// <summary>How the command line is read: every token as it is (no <c>@file</c> response files: a path or id may start with @).</summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>What the root's help shows after the commands.</summary>
    public const string Notes = """
        Examples (用法示例):
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
          grading [suggest:<position>] "<command line>"   the completions at a position (for dotnet-suggest)

        Exit codes: 0 ok · 1 the input has problems (all reported); nothing graded · 2 wrong command line
                    3 graded, but some rows were rejected (errors.csv) · 130 cancelled
        """;
}
