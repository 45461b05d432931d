using GradingEngine.Cli;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Cli;

public class ValidateCommandTests
{
    [Test]
    public void Validate_ShippedSchemesFolder_ListsEachSchemeAndExitsZero()
    {
        var (code, output, _) = Run("validate", GoldenCases.SchemesFolder);

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output, Does.Contain("✓ org-sanfenlei").And.Contain("✓ member-wudai").And.Contain("一类 / 二类 / 三类"));
    }

    [Test]
    public void Validate_OneFileThatExtendsAnother_ChecksItWithItsFolder()
    {
        var (code, output, _) = Run("validate", Path.Combine(GoldenCases.SchemesFolder, "team-sihao-soe.json"));

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output.Trim(), Does.StartWith("✓ team-sihao-soe").And.Not.Contain("✓ team-sihao "));
    }

    [Test]
    public void Validate_FolderWithMistakes_PrintsEveryProblemWithPositionAndExitsOne()
    {
        var folder = Directory.CreateTempSubdirectory("grading-validate-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.json"), """
                {
                  "id": "bad", "name": "坏", "subject": "member", "colour": 1,
                  "inputs": [ { "id": "x", "type": "number" } ],
                  "rules": [ { "id": "r", "when": "x > 未定义", "then": [ { "flag": "无" } ] } ],
                  "levels": [ { "id": "合格" } ]
                }
                """);

            var (code, _, error) = Run("validate", folder);

            Assert.That(code, Is.EqualTo(Program.InputProblems));
            Assert.That(error, Does.Contain("bad.json(2,").And.Contain("GE2001"));
            Assert.That(error, Does.Contain("bad.json(4,").And.Contain("GE3002"));
            Assert.That(error, Does.Contain("GE2005"));
            Assert.That(error, Does.Contain("3 个问题"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(new string[0], Program.Usage)]
    [TestCase(new[] { "--help" }, Program.Ok)]
    [TestCase(new[] { "validate", "--help" }, Program.Ok)]
    [TestCase(new[] { "validate" }, Program.Usage)]
    [TestCase(new[] { "validate", "/no/such/place" }, Program.Usage)]
    [TestCase(new[] { "frobnicate" }, Program.Usage)]
    public void Run_CommandLines_ExitCodesScriptsCanRelyOn(string[] args, int expected)
    {
        Assert.That(Run(args).Code, Is.EqualTo(expected));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
