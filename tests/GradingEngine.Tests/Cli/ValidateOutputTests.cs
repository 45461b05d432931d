using System.Text.Json;
using System.Text.RegularExpressions;
using GradingEngine.Cli;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Cli;

/// <summary><c>grading validate --format json</c> for editors and CI, and <c>--lang zh|en|both</c> for the messages.</summary>
public partial class ValidateOutputTests
{
    private const string Bad = """
        {
          "id": "bad", "name": "坏", "subject": "member", "colour": 1,
          "inputs": [ { "id": "x", "type": "number" } ],
          "rules": [ { "id": "r", "when": "x > 未定义", "then": [ { "flag": "无" } ] } ],
          "levels": [ { "id": "合格" } ]
        }
        """;

    [Test]
    public void Validate_FormatJson_FolderWithMistakes_EveryProblemWithFilePositionPathAndCode()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);

        var (code, output, _) = Run("validate", folder.Path, "--format", "json");

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.That(root.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("schemes").GetArrayLength(), Is.Zero);
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.That(diagnostics.Select(d => d.GetProperty("code").GetString()), Is.EqualTo(new[] { "GE2001", "GE3002", "GE2005" }));

        var unknown = diagnostics[0];
        Assert.That(unknown.GetProperty("file").GetString(), Is.EqualTo(Path.Combine(folder.Path, "bad.json")));
        Assert.That(unknown.GetProperty("line").GetInt32(), Is.EqualTo(2));
        Assert.That(unknown.GetProperty("column").GetInt32(), Is.GreaterThan(1));
        Assert.That(unknown.GetProperty("path").GetString(), Is.EqualTo("colour"));
        Assert.That(unknown.GetProperty("severity").GetString(), Is.EqualTo("error"));
        Assert.That(unknown.GetProperty("message").GetString(), Does.Contain("colour"));
        Assert.That(unknown.TryGetProperty("excerpt", out _), Is.False);

        var undefined = diagnostics[1];
        Assert.That(undefined.GetProperty("path").GetString(), Is.EqualTo("rules[0].when"));
        Assert.That(undefined.GetProperty("expressionColumn").GetInt32(), Is.EqualTo(5));
        Assert.That(undefined.GetProperty("excerpt").GetString(), Does.Contain("x > 未定义").And.Contain("^"));
    }

    [Test]
    public void Validate_FormatJson_ShippedSchemes_ValidWithEverySchemeAndExitZero()
    {
        var (code, output, error) = Run("validate", GoldenCases.SchemesFolder, "--format", "json");

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        using var document = JsonDocument.Parse(output);
        Assert.That(document.RootElement.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(document.RootElement.GetProperty("diagnostics").GetArrayLength(), Is.Zero);
        Assert.That(document.RootElement.GetProperty("schemes").EnumerateArray().Select(s => s.GetProperty("id").GetString()),
            Is.EqualTo(new[] { "member-wudai", "org-fenlei-dingji", "org-sanfenlei", "team-sihao", "team-sihao-soe" }));
    }

    [Test]
    public void Validate_FormatJson_TwoRuns_SameTextWithChineseUnescapedAndUnixNewlines()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);
        folder.Write("other.json", Bad.Replace("\"bad\"", "\"other\"", StringComparison.Ordinal));

        var first = Run("validate", folder.Path, "--format", "json").Output;
        var second = Run("validate", folder.Path, "--format", "json").Output;

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("未定义").And.Not.Contain("\\u").And.Not.Contain("\r"));
        Assert.That(first.IndexOf("bad.json", StringComparison.Ordinal), Is.LessThan(first.IndexOf("other.json", StringComparison.Ordinal)));
    }

    [Test]
    public void Validate_FormatJson_FolderWithNoScheme_InvalidWithTheReasonAndExitOne()
    {
        using var folder = new TempFolder();
        folder.Write("readme.txt", "no schemes here");

        var (code, output, _) = Run("validate", folder.Path, "--format", "json");

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        using var document = JsonDocument.Parse(output);
        Assert.That(document.RootElement.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(document.RootElement.GetProperty("error").GetString(), Does.Contain("no scheme files"));
    }

    [Test]
    public void Validate_LangEn_EnglishMessagesOnly()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);

        var (code, _, error) = Run("validate", folder.Path, "--lang", "en");

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("error GE2001: unknown property 'colour' in the scheme"));
        Assert.That(error, Does.Contain("3 problems").And.Not.Contain("个问题").And.Not.Contain("未知属性"));
    }

    [Test]
    public void Validate_LangZh_ChineseMessagesOnly()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);

        var (code, _, error) = Run("validate", folder.Path, "--lang", "zh");

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("error GE2001: 方案中有未知属性“colour”" + Environment.NewLine));
        Assert.That(error, Does.Contain("3 个问题").And.Not.Contain("unknown property").And.Not.Contain("problems"));
    }

    [Test]
    public void Validate_DefaultLanguage_BothAsWritten()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);

        var (_, _, error) = Run("validate", folder.Path);

        Assert.That(error, Does.Contain("方案中有未知属性“colour” (unknown property 'colour' in the scheme)").And.Contain("3 个问题 (3 problems)"));
    }

    [Test]
    public void Validate_FormatJsonLangEn_EnglishMessagesInTheJson()
    {
        using var folder = new TempFolder();
        folder.Write("bad.json", Bad);

        var (_, output, _) = Run("validate", folder.Path, "--format=json", "--lang=en");

        using var document = JsonDocument.Parse(output);
        var messages = document.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()!).ToList();
        Assert.That(messages[0], Is.EqualTo("unknown property 'colour' in the scheme"));
        Assert.That(messages.Select(m => Regex.Replace(m, "'[^']*'", string.Empty)), Has.None.Match(@"[\u4e00-\u9fff]"));
    }

    [Test]
    public void Validate_LangEn_ValidSchemesSummarisedInEnglish()
    {
        var (code, output, _) = Run("validate", GoldenCases.SchemesFolder, "--lang", "en");

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output, Does.Contain("✓ org-sanfenlei").And.Contain("inputs, levels: 一类 / 二类 / 三类").And.Not.Contain("版本"));
    }

    [TestCase("--format", "xml")]
    [TestCase("--lang", "fr")]
    [TestCase("--colour", "red")]
    [TestCase("--format", "")]
    public void Validate_WrongOption_UsageExitTwo(string option, string value)
    {
        var (code, output, error) = Run("validate", GoldenCases.SchemesFolder, option, value);

        Assert.That(code, Is.EqualTo(Program.Usage), output + error);
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void Validate_Help_NamesFormatAndLang()
    {
        var (code, output, _) = Run("validate", "--help");

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output, Does.Contain("--format json").And.Contain("--lang en").And.Contain("*.schema.json"));
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
