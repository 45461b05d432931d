using GradingEngine.Cli;
using GradingEngine.Tests.Batch;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Cli;

/// <summary><c>grading test</c>: the golden cases beside schemes, run by the library's case runner.</summary>
public class TestCommandTests
{
    [Test]
    public void Test_ShippedSchemes_EveryCasePassesAndExitsZero()
    {
        var (code, output, _) = Run("test", GoldenCases.SchemesFolder);

        Assert.That(code, Is.EqualTo(Program.Ok), output);
        Assert.That(output, Does.Contain("✓ member-wudai：").And.Contain("✓ org-sanfenlei：").And.Contain("未通过 0 个"));
    }

    [Test]
    public void Test_OneSchemeFile_RunsOnlyItsCases_OnEitherEngine()
    {
        var (code, output, _) = Run("test", Path.Combine(GoldenCases.SchemesFolder, "team-sihao-soe.json"), "--engine", "nrules");

        Assert.That(code, Is.EqualTo(Program.Ok), output);
        Assert.That(output, Does.Contain("✓ team-sihao-soe：").And.Not.Contain("member-wudai").And.Contain("engine nrules"));
    }

    [Test]
    public void Test_AWrongExpectation_FailsWithTheFieldTheExpectedAndTheActualValue()
    {
        var folder = CopyOfSchemes();
        var cases = Path.Combine(folder, "cases", "member-wudai.cases.json");
        var text = File.ReadAllText(cases);
        var at = text.IndexOf("\"total\": 92.5", StringComparison.Ordinal);
        File.WriteAllText(cases, text[..at] + "\"total\": 91.5" + text[(at + "\"total\": 92.5".Length)..]);

        var (code, output, _) = Run("test", folder);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(output, Does.Contain("✗ member-wudai：基准党员").And.Contain("总分：应为 91.5，实际为 92.5 (total: expected 91.5, actual 92.5)"));
        Assert.That(output, Does.Contain("member-wudai.cases.json(").And.Contain("触发的规则").And.Contain("未通过 1 个"));
    }

    [Test]
    public void Test_AWrongExpectation_InEnglishOrChineseOnly()
    {
        var folder = CopyOfSchemes();
        var cases = Path.Combine(folder, "cases", "member-wudai.cases.json");
        var text = File.ReadAllText(cases);
        var at = text.IndexOf("\"total\": 92.5", StringComparison.Ordinal);
        File.WriteAllText(cases, text[..at] + "\"total\": 91.5" + text[(at + "\"total\": 92.5".Length)..]);

        var (_, english, _) = Run("test", folder, "--lang", "en");
        var (_, chinese, _) = Run("test", folder, "--lang", "zh");

        Assert.That(english, Does.Contain("total: expected 91.5, actual 92.5").And.Not.Contain("应为 91.5").And.Contain("1 failed"));
        Assert.That(chinese, Does.Contain("总分：应为 91.5，实际为 92.5").And.Not.Contain("expected 91.5").And.Not.Contain("1 failed"));
    }

    [Test]
    public void Test_ACaseThatDoesNotFitItsScheme_IsReportedWithFileLineAndColumn()
    {
        var folder = CopyOfSchemes();
        var cases = Path.Combine(folder, "cases", "team-sihao.cases.json");
        File.WriteAllText(cases, """
            {
              "scheme": "team-sihao",
              "cases": [
                { "name": "未知输入", "input": { "不存在的输入": 1 }, "expect": { "level": "合格" } },
                { "name": "类型错误", "input": { "受处分人数": "十二" },
                  "expect": { "levell": "合格", "items": { "不存在的评分项": 1 } } }
              ]
            }
            """);

        var (code, output, _) = Run("test", Path.Combine(folder, "team-sihao.json"));

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(output, Does.Contain("team-sihao.cases.json(4,").And.Contain("GE5002").And.Contain("不存在的输入"));
        Assert.That(output, Does.Contain("team-sihao.cases.json(5,").And.Contain("受处分人数").And.Contain("十二"));
    }

    [Test]
    public void Test_AMalformedCaseFile_IsReportedWithItsPosition()
    {
        var folder = CopyOfSchemes();
        File.WriteAllText(Path.Combine(folder, "cases", "member-wudai.cases.json"), """
            { "scheme": "member-wudai", "casse": [] }
            """);

        var (code, output, _) = Run("test", folder);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(output, Does.Contain("member-wudai.cases.json(1,").And.Contain("GE5001").And.Contain("casse"));
    }

    [Test]
    public void Test_WrongCommandLine_ExitsTwo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Run("test").Code, Is.EqualTo(Program.Usage));
            Assert.That(Run("test", GoldenCases.SchemesFolder, "--engine", "x").Code, Is.EqualTo(Program.Usage));
            Assert.That(Run("test", Path.Combine(GoldenCases.SchemesFolder, "nothing-here")).Code, Is.EqualTo(Program.Usage));
        });
    }

    [Test]
    public void ExplainAsCase_WritesACaseThatPassesGradingTest()
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptionsFor().Plain);
        var id = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];
        var folder = CopyOfSchemes();
        var caseFile = Path.Combine(folder, "cases", "org-sanfenlei.cases.json");

        var (explainCode, _, explainError) = Run("explain", id, "--data", data, "--as-case", caseFile, "--date", "2026-03-01");
        var (code, output, _) = Run("test", Path.Combine(folder, "org-sanfenlei.json"));

        Assert.That(explainCode, Is.EqualTo(Program.Ok), explainError);
        var written = File.ReadAllText(caseFile);
        Assert.That(written, Does.Contain("\"scheme\": \"org-sanfenlei\"").And.Contain("\"date\": \"2026-03-01\"").And.Contain("\"党员\": [").And.Contain("\"linkedLevels\""));
        Assert.That(code, Is.EqualTo(Program.Ok), output);
        Assert.That(output, Does.Contain($"✓ org-sanfenlei：{id}").And.Contain("通过 1 个"));
    }

    [Test]
    public void ExplainAsCase_WithoutAFile_PrintsTheCase()
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptionsFor().Plain);
        var id = File.ReadLines(Path.Combine(data, "organisations.csv")).Skip(1).First().Split(',')[0];

        var (code, output, _) = Run("explain", id, "--data", data, "--as-case");

        Assert.That(code, Is.EqualTo(Program.Ok));
        Assert.That(output.TrimStart(), Does.StartWith("{").And.Contain("\"expect\""));
    }

    /// <summary>A copy of the shipped schemes and their cases in a new folder.</summary>
    private static string CopyOfSchemes()
    {
        var folder = ProvinceFixture.NewOutputFolder();
        Directory.CreateDirectory(Path.Combine(folder, "cases"));
        foreach (var file in Directory.GetFiles(GoldenCases.SchemesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        foreach (var file in Directory.GetFiles(GoldenCases.CasesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, "cases", Path.GetFileName(file)));
        }

        return folder;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
