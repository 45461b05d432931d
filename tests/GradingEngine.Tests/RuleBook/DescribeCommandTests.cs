using GradingEngine.Cli;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.RuleBook;

/// <summary><c>grading describe</c>: rule books written into a folder, exit codes, nothing half-written.</summary>
public class DescribeCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("grading-describe-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Describe_ShippedScheme_WritesMarkdownAndHtml()
    {
        var books = Path.Combine(_folder, "books");

        var (code, output, error) = Run("describe", "org-sanfenlei", "--out", books);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(Directory.GetFiles(books).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "org-sanfenlei.html", "org-sanfenlei.md" }));
        Assert.That(output, Does.Contain("org-sanfenlei.md").And.Contain("org-sanfenlei.html"));
        Assert.That(File.ReadAllText(Path.Combine(books, "org-sanfenlei.md")), Does.StartWith("# 三分类三升级·基层党组织评定"));
        var html = File.ReadAllText(Path.Combine(books, "org-sanfenlei.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("《五带五争·党员民主评议》").And.Not.Contain("href=\"member-wudai.html\""));
        RuleBookContentTests.ParseXhtml(html);
    }

    [Test]
    public void Describe_WithLinked_WritesTheLinkedBooksTooAndLinksThem()
    {
        var (code, _, error) = Run("describe", "org-fenlei-dingji", "--with-linked", "--out", _folder);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(Directory.GetFiles(_folder, "*.html").Select(Path.GetFileNameWithoutExtension).Order(),
            Is.EqualTo(new[] { "member-wudai", "org-fenlei-dingji", "org-sanfenlei", "team-sihao" }));
        var html = File.ReadAllText(Path.Combine(_folder, "org-fenlei-dingji.html"));
        Assert.That(html, Does.Contain("href=\"member-wudai.html\"").And.Contain("href=\"org-sanfenlei.html\""));
        Assert.That(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Describe_SchemeFile_LoadsItWithItsFolder()
    {
        var (code, _, error) = Run("describe", Path.Combine(GoldenCases.SchemesFolder, "team-sihao-soe.json"), "--out", _folder);

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(File.ReadAllText(Path.Combine(_folder, "team-sihao-soe.md")), Does.Contain("## 与基础方案的差异"));
    }

    [Test]
    public void Describe_SchemesFolder_LooksIdsUpThere()
    {
        var schemes = Path.Combine(_folder, "schemes");
        Directory.CreateDirectory(schemes);
        File.WriteAllText(Path.Combine(schemes, "mine.json"), """
            { "id": "mine", "name": "本地方案", "subject": "member",
              "inputs": [ { "id": "x", "label": "学习次数", "type": "integer", "unit": "次" } ],
              "rules": [ { "id": "少", "when": "x < 4", "then": [ { "measure": "学习{x}次" } ] } ],
              "levels": [ { "id": "合格" } ] }
            """);

        var (code, _, error) = Run("describe", "mine", "--schemes", schemes, "--out", Path.Combine(_folder, "out"));

        Assert.That(code, Is.EqualTo(Program.Ok), error);
        Assert.That(File.ReadAllText(Path.Combine(_folder, "out", "mine.md")), Does.Contain("条件：学习次数少于 4 次"));
    }

    [Test]
    public void Describe_SchemeWithProblems_PrintsThemAndExitsOne()
    {
        var file = Path.Combine(_folder, "bad.json");
        File.WriteAllText(file, """
            { "id": "bad", "name": "坏", "subject": "member",
              "rules": [ { "id": "r", "when": "未定义 > 1", "then": [ { "flag": "无" } ] } ],
              "levels": [ { "id": "合格" } ] }
            """);

        var (code, _, error) = Run("describe", file, "--out", Path.Combine(_folder, "out"));

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("bad.json(2,").And.Contain("GE3002").And.Contain("个问题"));
        Assert.That(Directory.Exists(Path.Combine(_folder, "out")), Is.False);
    }

    [Test]
    public void Describe_SchemesFolderWithProblems_PrintsThemAndExitsOne()
    {
        var schemes = Path.Combine(_folder, "schemes");
        Directory.CreateDirectory(schemes);
        File.WriteAllText(Path.Combine(schemes, "bad.json"), """{ "id": "bad", "name": "坏", "subject": "member", "levels": [] , "colour": 1 }""");

        var (code, _, error) = Run("describe", "bad", "--schemes", schemes, "--out", Path.Combine(_folder, "out"));

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(error, Does.Contain("bad.json(1,").And.Contain("GE2001"));
        Assert.That(Directory.Exists(Path.Combine(_folder, "out")), Is.False);
    }

    [TestCase("describe", "org-sanfenlei")]
    [TestCase("describe", "--out", "x")]
    [TestCase("describe", "no-such-scheme", "--out", "x")]
    [TestCase("describe", "org-sanfenlei", "--out", "x", "--colour", "red")]
    public void Describe_WrongCommandLine_ExitsTwo(params string[] args)
    {
        var (code, _, error) = Run(args.Select(a => a == "x" ? Path.Combine(_folder, "x") : a).ToArray());

        Assert.That(code, Is.EqualTo(Program.Usage), error);
        Assert.That(Directory.Exists(Path.Combine(_folder, "x")), Is.False);
    }

    [Test]
    public void Help_ListsDescribe()
    {
        var (_, output, _) = Run("--help");

        Assert.That(output, Does.Contain("grading describe"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
