using System.CommandLine;
using GradingEngine.Cli;
using GradingEngine.Cli.Commands;
using GradingEngine.Cli.Terminal;

namespace GradingEngine.Tests.Cli;

/// <summary>
/// The command line as System.CommandLine reads it: wrong command lines are exit code 2 naming what is wrong, every
/// command has its help, <c>[suggest]</c> completes commands, options and values, and the progress display stays
/// silent when the error stream is not a terminal.
/// </summary>
public class CommandLineTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestCase("--colour", "grade", "--data", "x", "--colour", "red")]
    [TestCase("--colour", "validate", "schemes", "--colour", "red")]
    [TestCase("--bogus", "report", "--results", "x", "--bogus", "1")]
    [TestCase("--bogus", "demo", "--bogus")]
    public void UnknownOption_ExitsTwoNamingIt(string option, params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(option).And.Contain("--help"), "names the option and where the help is");
        Assert.That(output, Is.Empty, "nothing on standard output");
    }

    [TestCase("--data", "explain", "D010100001")]
    [TestCase("--results", "report")]
    [TestCase("--out", "describe", "org-sanfenlei")]
    [TestCase("--data", "diff", "org-sanfenlei", "org-fenlei-dingji")]
    public void MissingRequiredOption_ExitsTwoNamingIt(string option, params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(option));
    }

    [TestCase("--threads", "0")]
    [TestCase("--threads", "-3")]
    [TestCase("--threads", "many")]
    [TestCase("--engine", "drools")]
    [TestCase("--format", "pdf")]
    [TestCase("--date", "2026-13-01")]
    [TestCase("--year", "26")]
    public void Grade_BadValue_ExitsTwoNamingTheOption(string option, string value)
    {
        var (code, _, error) = Run("grade", "--data", "x", option, value);

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(option));
    }

    [Test]
    public void BadChoice_SaysTheValuesInChineseAndEnglish()
    {
        var (code, _, error) = Run("grade", "--data", "x", "--engine", "drools");

        Assert.That(code, Is.EqualTo(Program.Usage));
        Assert.That(error, Does.Contain("--engine").And.Contain("drools").And.Contain("plan").And.Contain("nrules"));
        Assert.That(error, Does.Contain("Must be one of").And.Contain("必须"), "System.CommandLine's message in Chinese, then in English");
    }

    [Test]
    public void Choice_InAnyCase_IsAccepted()
    {
        var (code, _, error) = Run("validate", "--format", "JSON", "--lang", "EN", Path.Combine(Golden.GoldenCases.SchemesFolder, "no-such-file.json"));

        Assert.That(code, Is.EqualTo(Program.Usage), "the file is missing, not the format");
        Assert.That(error, Does.Contain("no such file"));
    }

    [TestCase("--out")]
    [TestCase("--data")]
    public void RepeatedSingleValuedOption_ExitsTwoNamingIt(string option)
    {
        var (code, _, error) = Run("grade", "--data", "x", option, "a", option, "b");

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(error, Does.Contain(option));
    }

    [Test]
    public void StoreAndNoStore_ExitsTwo()
    {
        var (code, _, error) = Run("grade", "--data", "x", "--store", "Data Source=x.db", "--no-store");

        Assert.That(code, Is.EqualTo(Program.Usage));
        Assert.That(error, Does.Contain("--store").And.Contain("--no-store"));
    }

    [Test]
    public void Version_PrintsTheProgramVersion()
    {
        var (code, output, error) = Run("--version");

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Is.EqualTo(Program.Version + Environment.NewLine));
    }

    [Test]
    public void NoArguments_PrintsTheHelpAndExitsTwo()
    {
        var (code, output, _) = Run();

        Assert.That(code, Is.EqualTo(Program.Usage));
        Assert.That(output, Does.Contain("grading grade").And.Contain("Exit codes"));
    }

    [TestCaseSource(nameof(CommandNames))]
    public void Help_OfEachCommand_ExitsZeroAndListsItsOptions(string name)
    {
        var command = new GradingRootCommand().Subcommands.Single(c => c.Name == name);

        var (code, output, error) = Run(name, "--help");

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output, Does.Contain("grading " + name).And.Contain("Exit codes"));
        foreach (var option in command.Options)
        {
            Assert.That(output, Does.Contain(option.Name), option.Name);
            Assert.That(option.Description, Does.Match(@"\p{IsCJKUnifiedIdeographs}.*\(.*[a-z].*\)"), $"{option.Name}: Chinese, then English in parentheses");
        }
    }

    [TestCaseSource(nameof(CommandNames))]
    public void Help_AsHelpCommand_IsTheCommandsHelp(string name)
    {
        Assert.That(Run("help", name).Output, Is.EqualTo(Run(name, "--help").Output));
    }

    private static IEnumerable<string> CommandNames() => new GradingRootCommand().Subcommands.Select(c => c.Name);

    [TestCase("gr", "grade")]
    [TestCase("grade --eng", "--engine")]
    [TestCase("grade --engine ", "plan", "nrules")]
    [TestCase("grade --format ", "csv", "jsonl", "both", "xlsx", "csv+xlsx", "all")]
    [TestCase("grade --scheme ", "org-sanfenlei", "org-fenlei-dingji")]
    [TestCase("validate --lang ", "both", "zh", "en")]
    [TestCase("describe ", "member-wudai", "team-sihao", "team-sihao-soe", "org-sanfenlei")]
    [TestCase("diff ", "org-sanfenlei", "org-fenlei-dingji")]
    public void Suggest_CompletesCommandsOptionsAndValues(string line, params string[] expected)
    {
        var (code, output, error) = Run($"[suggest:{line.Length}]", line);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.SupersetOf(expected));
    }

    [Test]
    public void Suggest_SchemeOption_OffersOnlyOrganisationSchemes()
    {
        var (_, output, _) = Run("[suggest:15]", "grade --scheme ");

        Assert.That(output, Does.Not.Contain("team-sihao").And.Not.Contain("member-wudai"));
    }

    [TestCase(null)]
    [TestCase(false)]
    public void ProgressDisplay_NotATerminalOrOff_WritesNothing(bool? show)
    {
        using var error = new StringWriter();

        var value = ProgressDisplay.Run(error, show, progress =>
        {
            progress?.Report(new GradingEngine.Batch.BatchProgress("党员", 10, 10, 100));
            return progress is null ? 1 : 2;
        });

        Assert.That(value, Is.EqualTo(1), "no reporter when nothing is shown");
        Assert.That(error.ToString(), Is.Empty);
    }

    [Test]
    public void Grade_ErrorStreamNotATerminal_NoEscapeCodes()
    {
        var (data, _) = Batch.ProvinceFixture.Province(new Batch.SampleProvinceOptionsFor().Plain);

        var (code, output, error) = Run("grade", "--data", data, "--out", Batch.ProvinceFixture.NewOutputFolder(), "--threads", "2", "--no-store");

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That((output + error).Contains('\u001b', StringComparison.Ordinal), Is.False, "no escape code"); // ordinal: a culture-aware search ignores control characters
    }
}
