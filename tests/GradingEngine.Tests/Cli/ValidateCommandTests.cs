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

    private const string Valid = """
        { "id": "好方案", "name": "好", "subject": "member", "inputs": [ { "id": "x", "type": "number" } ], "levels": [ { "id": "合格" } ] }
        """;

    private const string Broken = """
        {
          "id": "好方案", "name": "坏", "subject": "member",
          "rules": [ { "id": "r", "when": "未定义 > 1", "then": [ { "withholdLevel": true } ] } ],
          "levels": [ { "id": "合格" } ]
        }
        """;

    [TestCase("draft.txt")]
    [TestCase("draft.JSON")]
    [TestCase("draft")]
    public void Validate_FileWithErrorsNotNamedJsonBesideAValidSchemeWithItsId_ReportsTheFileItself(string name)
    {
        using var folder = new TempFolder();
        folder.Write("good.json", Valid);
        var draft = folder.Write(name, Broken);

        var (code, output, error) = Run("validate", draft);

        Assert.That(code, Is.EqualTo(Program.InputProblems), output + error);
        Assert.That(output, Does.Not.Contain("✓"));
        Assert.That(error, Does.Contain($"{name}(3,").And.Contain("GE3002").And.Contain("1 个问题"));
    }

    [TestCase("scheme.JSON")]
    [TestCase("scheme.txt")]
    public void Validate_ValidFileWithAnotherExtension_ChecksThatFile(string name)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, Valid);

        var (code, output, error) = Run("validate", path);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output.Trim(), Does.StartWith("✓ 好方案"));
    }

    [TestCase("notes.txt", "这不是 JSON，只是说明。\n第二行")]
    [TestCase("picture.png", "\u0089PNG")]
    [TestCase("empty.json", "")]
    public void Validate_FileThatIsNotJson_PositionedErrorAndExitOne(string name, string content)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, System.Text.RegularExpressions.Regex.Unescape(content));

        var (code, _, error) = Run("validate", path);

        Assert.That(code, Is.EqualTo(Program.InputProblems), error);
        Assert.That(error, Does.Match(System.Text.RegularExpressions.Regex.Escape(name) + @"\(\d+,\d+\).*error GE100"));
    }

    [Test]
    public void Validate_FileSavedAsGbk_ReportsTheBytePosition()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "gbk.json");
        File.WriteAllBytes(path, System.Text.Encoding.GetEncoding("GBK").GetBytes(Valid));

        var (code, _, error) = Run("validate", path);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("gbk.json(1,").And.Contain("GE1005").And.Contain("offset"));
    }

    [Test]
    public void Validate_FolderWithNoScheme_ExitOneWithAMessage()
    {
        using var folder = new TempFolder();
        folder.Write("readme.txt", "no schemes here");

        var (code, output, error) = Run("validate", folder.Path);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("no scheme files"));
    }

    [Test]
    public void Validate_FolderWithAnUpperCaseJsonFile_ValidatesIt()
    {
        using var folder = new TempFolder();
        folder.Write("UPPER.JSON", Broken);

        var (code, _, error) = Run("validate", folder.Path);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("UPPER.JSON(3,").And.Contain("GE3002"));
    }

    [Test]
    public void Validate_FileBesideABrokenScheme_ListsOnlyItsOwnProblems()
    {
        using var folder = new TempFolder();
        folder.Write("broken.json", Broken.Replace("好方案", "别的方案", StringComparison.Ordinal));
        var path = folder.Write("good.json", Valid);

        var (code, output, error) = Run("validate", path);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(output.Trim(), Does.StartWith("✓ 好方案"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void Validate_VariantOfABrokenBase_SaysTheBaseHasProblemsWithoutListingThem()
    {
        using var folder = new TempFolder();
        folder.Write("base.json", Broken);
        var path = folder.Write("variant.json", """
            { "extends": "好方案",
              "id": "变体", "name": "变体" }
            """);

        var (code, _, error) = Run("validate", path);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("variant.json(1,").And.Contain("GE2005").And.Contain("base.json").And.Contain("has problems"));
        Assert.That(error, Does.Not.Contain("GE3002"), "the base's own problems are not the variant's");
        Assert.That(error, Does.Contain("1 个问题"));
    }

    [Test]
    public void Validate_SchemesLinkingEachOther_CyclePointsAtTheLink()
    {
        using var folder = new TempFolder();
        folder.Write("a.json", """{ "id": "a", "name": "甲", "subject": "organisation", "inputs": [ { "id": "班子", "type": "subject", "scheme": "b" } ], "levels": [ { "id": "合格" } ] }""");
        folder.Write("b.json", """{ "id": "b", "name": "乙", "subject": "team", "inputs": [ { "id": "组织", "type": "subject", "scheme": "a" } ], "levels": [ { "id": "合格" } ] }""");

        var (code, _, error) = Run("validate", folder.Path);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("a.json(1,").And.Contain("inputs[0].scheme: error GE4001"));
        Assert.That(error, Does.Contain("b.json(1,"));
        Assert.That(error, Does.Not.Contain("(1,1)"));
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

    /// <summary>A folder of its own for one test, deleted after it.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("grading-validate-").FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
