using GradingEngine.Grading;
using GradingEngine.NRules;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Golden;

/// <summary>
/// Runs the golden cases of the shipped schemes (<c>schemes/cases/*.cases.json</c>) against the schemes in
/// <c>schemes/</c>, loaded together with <see cref="SchemeCatalogue.LoadFolder"/>: one test per case.
/// </summary>
public class GoldenCaseTests
{
    private const int MinimumCasesPerScheme = 15;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var path in GoldenCases.CaseFilePaths())
        {
            GoldenCaseFile file;
            try
            {
                file = GoldenCases.Read(path);
            }
            catch (FormatException)
            {
                // Reported by EveryCaseFile_IsWellFormed.
                continue;
            }

            foreach (var goldenCase in file.Cases)
            {
                yield return new TestCaseData(goldenCase, "plan").SetName($"{goldenCase.SchemeId}：{goldenCase.Name}");
                yield return new TestCaseData(goldenCase, "nrules").SetName($"nrules：{goldenCase.SchemeId}：{goldenCase.Name}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Case(GoldenCase goldenCase, string backEnd)
    {
        Assert.That(GoldenCases.Catalogue.TryGet(goldenCase.SchemeId, out var scheme), Is.True,
            $"{goldenCase.File}：方案“{goldenCase.SchemeId}”不在 schemes/ 中 (no such scheme)");
        scheme = backEnd == "nrules" ? scheme!.WithBackEnd(NRulesBackEnd.Instance) : scheme;

        GradingResult result;
        try
        {
            result = scheme!.Grade(goldenCase.Input);
        }
        catch (SubjectInputException e)
        {
            Assert.Fail($"用例“{goldenCase}”的输入不符合方案 (the case's input does not fit the scheme):{Environment.NewLine}{e.Message}");
            return;
        }

        var failures = GoldenChecker.Check(result, goldenCase.Expect);
        Assert.That(failures, Is.Empty, () => Describe(goldenCase, result, failures));
    }

    [Test]
    public void EveryCaseFile_IsWellFormed()
    {
        var problems = new List<string>();
        foreach (var path in GoldenCases.CaseFilePaths())
        {
            try
            {
                GoldenCases.Read(path);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void EveryShippedScheme_HasACaseFileWithEnoughCases()
    {
        var files = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(GoldenCases.Catalogue.All, Is.Not.Empty, "schemes/ 中没有方案 (no shipped schemes)");
            foreach (var scheme in GoldenCases.Catalogue.All)
            {
                var cases = files.Where(f => f.SchemeId == scheme.Id).SelectMany(f => f.Cases).Count();
                Assert.That(cases, Is.GreaterThanOrEqualTo(MinimumCasesPerScheme),
                    $"方案“{scheme.Id}”只有 {cases} 个 golden 用例，至少需要 {MinimumCasesPerScheme} 个（schemes/cases/{scheme.Id}.cases.json）");
            }
        });
    }

    [Test]
    public void EveryCaseFile_NamesAShippedScheme_AndIsNamedAfterIt()
    {
        var files = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var file in files)
            {
                Assert.That(GoldenCases.Catalogue.TryGet(file.SchemeId, out _), Is.True,
                    $"{Path.GetFileName(file.Path)} 指定的方案“{file.SchemeId}”不在 schemes/ 中 (names no shipped scheme)");
                Assert.That(Path.GetFileName(file.Path), Is.EqualTo(file.SchemeId + ".cases.json"),
                    "用例文件应以方案 id 命名 (a case file is named after its scheme)");
            }
        });
    }

    [Test]
    public void WrongExpectations_AreReportedByTheChecker()
    {
        var goldenCase = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).SelectMany(f => f.Cases)
            .First(c => c.Expect["total"] is not null && c.Expect["level"] is { Type: JTokenType.String });
        var result = GoldenCases.Catalogue[goldenCase.SchemeId].Grade(goldenCase.Input);
        Assert.That(GoldenChecker.Check(result, goldenCase.Expect), Is.Empty, "the unmutated case passes");

        var wrongTotal = (JObject)goldenCase.Expect.DeepClone();
        wrongTotal["total"] = wrongTotal.Value<double>("total") + 0.01;
        var wrongLevel = (JObject)goldenCase.Expect.DeepClone();
        wrongLevel["level"] = result.Level!.Id + "?";
        var missingFlag = new JObject { ["flags"] = new JArray("并不存在的标记") };
        var unexpectedFlags = new JObject { ["flagsExactly"] = new JArray("并不存在的标记") };
        var missingMeasure = new JObject { ["measures"] = new JArray("并不存在的措施") };
        var wrongCount = new JObject { ["measureCount"] = result.Measures.Count + 1 };
        var wrongItem = new JObject { ["items"] = new JObject { [result.Items[0].Id] = result.Items[0].Score + 1 } };
        var unknownItem = new JObject { ["items"] = new JObject { ["并不存在的评分项"] = 0 } };
        var typo = new JObject { ["totl"] = result.Total };

        Assert.Multiple(() =>
        {
            Assert.That(GoldenChecker.Check(result, wrongTotal), Has.Count.EqualTo(1).And.Some.Contains("total"));
            Assert.That(GoldenChecker.Check(result, wrongLevel), Has.Count.EqualTo(1).And.Some.Contains("level"));
            Assert.That(GoldenChecker.Check(result, missingFlag), Has.Some.Contains("并不存在的标记"));
            Assert.That(GoldenChecker.Check(result, unexpectedFlags), Has.Some.Contains("flags differ"));
            Assert.That(GoldenChecker.Check(result, missingMeasure), Has.Some.Contains("并不存在的措施"));
            Assert.That(GoldenChecker.Check(result, wrongCount), Has.Some.Contains("measure count"));
            Assert.That(GoldenChecker.Check(result, wrongItem), Has.Some.Contains(result.Items[0].Id));
            Assert.That(GoldenChecker.Check(result, unknownItem), Has.Some.Contains("no such item"));
            Assert.That(GoldenChecker.Check(result, typo), Has.Some.Contains("unknown expectation"));
        });
    }

    [Test]
    public void WithheldLevel_IsExpectedAsNull()
    {
        var withheld = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).SelectMany(f => f.Cases)
            .FirstOrDefault(c => c.Expect["level"] is { Type: JTokenType.Null });
        Assert.That(withheld, Is.Not.Null, "至少一个用例检验不定等级 (some case expects a withheld level)");

        var result = GoldenCases.Catalogue[withheld!.SchemeId].Grade(withheld.Input);
        var expectLevel = new JObject { ["level"] = "优秀" };

        Assert.That(GoldenChecker.Check(result, expectLevel), Has.Some.Contains("不定等级"));
    }

    private static string Describe(GoldenCase goldenCase, GradingResult result, IReadOnlyList<string> failures)
    {
        var lines = new List<string>
        {
            $"golden 用例“{goldenCase.Name}”（{goldenCase.File}）未通过 (golden case failed): {goldenCase}",
        };
        if (goldenCase.Note is { } note)
        {
            lines.Add($"说明：{note}");
        }

        lines.AddRange(failures.Select(f => "  ✗ " + f));
        lines.Add("—— 评定说明 (explanation) ——");
        lines.Add(result.Explanation?.ToText() ?? "(no explanation)");
        return string.Join(Environment.NewLine, lines);
    }
}
