using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Grading.Cases;
using GradingEngine.NRules;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Golden;

/// <summary>
/// Runs the golden cases of the shipped schemes (<c>schemes/cases/*.cases.json</c>) against the schemes in
/// <c>schemes/</c>, loaded together with <see cref="SchemeCatalogue.LoadFolder"/>: one test per case, run by the
/// library's <see cref="SchemeCaseRunner"/>, the same runner as <c>grading test</c>.
/// </summary>
public class GoldenCaseTests
{
    private const int MinimumCasesPerScheme = 15;

    private static readonly SchemeCaseRunner PlanRunner = new(GoldenCases.Catalogue);
    private static readonly SchemeCaseRunner NRulesRunner = new(GoldenCases.Catalogue.WithBackEnd(NRulesBackEnd.Instance));

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var path in GoldenCases.CaseFilePaths())
        {
            SchemeCaseFile file;
            try
            {
                file = GoldenCases.Read(path);
            }
            catch (SchemeCaseFileException)
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
    public void Case(SchemeCase goldenCase, string backEnd)
    {
        var outcome = (backEnd == "nrules" ? NRulesRunner : PlanRunner).Run(goldenCase);

        Assert.That(outcome.Passed, Is.True, () => Describe(goldenCase, outcome));
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
            catch (SchemeCaseFileException e)
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
    public void WrongExpectations_AreReportedByTheRunner()
    {
        var goldenCase = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).SelectMany(f => f.Cases)
            .First(c => c.Expect["total"] is not null && c.Expect["level"] is { Type: JTokenType.String });
        var scheme = GoldenCases.Catalogue[goldenCase.SchemeId];
        var result = scheme.Grade(goldenCase.Input);
        Assert.That(Check(scheme, result, goldenCase.Expect), Is.Empty, "the unmutated case passes");

        var wrongTotal = (JObject)goldenCase.Expect.DeepClone();
        wrongTotal["total"] = wrongTotal.Value<double>("total") + 0.01;
        var wrongLevel = (JObject)goldenCase.Expect.DeepClone();
        wrongLevel["level"] = scheme.Levels.First(l => l.Id != result.Level!.Id).Id;
        var unknownLevel = new JObject { ["level"] = result.Level!.Id + "?" };
        var unknownFlag = new JObject { ["flags"] = new JArray("并不存在的标记") };
        var missingMeasure = new JObject { ["measures"] = new JArray("并不存在的措施") };
        var wrongCount = new JObject { ["measureCount"] = result.Measures.Count + 1 };
        var wrongItem = new JObject { ["items"] = new JObject { [result.Items[0].Id] = result.Items[0].Score + 1 } };
        var unknownItem = new JObject { ["items"] = new JObject { ["并不存在的评分项"] = 0 } };
        var typo = new JObject { ["totl"] = result.Total };

        Assert.Multiple(() =>
        {
            Assert.That(Check(scheme, result, wrongTotal), Has.Count.EqualTo(1).And.Some.Contains("total"));
            Assert.That(Check(scheme, result, wrongLevel), Has.Count.EqualTo(1).And.Some.Contains("(level: expected").And.Some.Contains(result.Level.Label));
            Assert.That(Check(scheme, result, unknownLevel), Has.Some.Contains("no such level"));
            Assert.That(Check(scheme, result, unknownFlag), Has.Some.Contains("并不存在的标记").And.Some.Contains("no such flag"));
            Assert.That(Check(scheme, result, missingMeasure), Has.Some.Contains("并不存在的措施"));
            Assert.That(Check(scheme, result, wrongCount), Has.Some.Contains("措施条数"));
            Assert.That(Check(scheme, result, wrongItem), Has.Some.Contains(result.Items[0].Label));
            Assert.That(Check(scheme, result, unknownItem), Has.Some.Contains("no such item"));
            Assert.That(Check(scheme, result, typo), Has.Some.Contains("unknown expectation").And.Some.Contains("total"));
        });
    }

    [Test]
    public void WithheldLevel_IsExpectedAsNull()
    {
        var withheld = GoldenCases.CaseFilePaths().Select(GoldenCases.Read).SelectMany(f => f.Cases)
            .FirstOrDefault(c => c.Expect["level"] is { Type: JTokenType.Null });
        Assert.That(withheld, Is.Not.Null, "至少一个用例检验不定等级 (some case expects a withheld level)");

        var scheme = GoldenCases.Catalogue[withheld!.SchemeId];
        var result = scheme.Grade(withheld.Input);
        var expectLevel = new JObject { ["level"] = "优秀" };

        Assert.That(Check(scheme, result, expectLevel), Has.Some.Contains("不定等级"));
    }

    /// <summary>The differences and the expectation problems, as text.</summary>
    private static List<string> Check(GradingScheme scheme, GradingResult result, JObject expect)
    {
        var problems = new List<SchemeDiagnostic>();
        var differences = SchemeCaseRunner.Compare(scheme, result, expect, "test.cases.json", problems);
        return [.. differences.Select(d => d.ToString()), .. problems.Select(p => p.ToString())];
    }

    private static string Describe(SchemeCase goldenCase, SchemeCaseOutcome outcome)
    {
        var lines = new List<string>
        {
            $"golden 用例“{goldenCase.Name}”（{goldenCase.File}）未通过 (golden case failed): {goldenCase}",
        };
        if (goldenCase.Note is { } note)
        {
            lines.Add($"说明：{note}");
        }

        lines.Add(outcome.ToText());
        lines.Add("—— 评定说明 (explanation) ——");
        lines.Add(outcome.Result?.Explanation?.ToText() ?? "(no explanation)");
        return string.Join(Environment.NewLine, lines);
    }
}
