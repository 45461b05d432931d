using System.Reflection;
using GradingEngine.Cli;

namespace GradingEngine.Tests.Cli;

public class VersionCommandTests
{
    [Test]
    public void Version_PrintsTheInformationalVersionAndExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = Program.Run(["--version"], output, error);

        var informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(code, Is.EqualTo(Program.Ok), error.ToString());
        Assert.That(output.ToString(), Is.EqualTo(informational + Environment.NewLine));
        Assert.That(informational, Does.StartWith(typeof(GradingEngine.Grading.SchemeCatalogue).Assembly.GetName().Version!.ToString(3)), "the tool and the library share one version");
        Assert.That(error.ToString(), Is.Empty);
    }

    [Test]
    public void Version_WithMoreArguments_IsAUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.That(Program.Run(["--version", "x"], output, error), Is.EqualTo(Program.Usage));
        Assert.That(error.ToString(), Does.Contain("--version"));
    }

    [Test]
    public void Help_MentionsVersion()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Program.Run(["--help"], output, error);

        Assert.That(output.ToString(), Does.Contain("grading --version"));
    }
}
