using GradingEngine.Diagnostics;
using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

public class SchemeLoadingTests
{
    private const string FourMistakes = """
        {
          "id": "four-mistakes",
          "name": "四处错误",
          "subject": "organisation",
          "inputs": [
            { "id": "次数", "type": "integer", "colour": "red" },
            { "id": "满意度", "type": "number" }
          ],
          "values": [
            { "id": "甲", "expr": "乙 + 1" },
            { "id": "乙", "expr": "甲 * 2" }
          ],
          "items": [ { "id": "项", "points": 10, "score": "次数 + 未定义" } ],
          "rules": [ { "id": "R", "when": "满意度 + true", "then": [ { "deduct": "项", "points": "1" } ] } ],
          "levels": [ { "id": "好", "minScore": 5 }, { "id": "差" } ]
        }
        """;

    [Test]
    public void Load_ExampleScheme_Compiles()
    {
        var scheme = ExampleScheme.Scheme;

        Assert.That(scheme.Id, Is.EqualTo("example-branch"));
        Assert.That(scheme.Name, Is.EqualTo("示例·党支部分类定级"));
        Assert.That(scheme.Levels.Select(l => l.Id), Is.EqualTo(new[] { "好", "较好", "一般", "较差" }));
        Assert.That(scheme.Inputs.Select(i => i.Id), Does.Contain("班子评价.领导评"));
    }

    [Test]
    public void TryParse_FourDifferentMistakes_FourMessagesEachWithLineAndColumn()
    {
        var ok = GradingScheme.TryParse(FourMistakes, "four.json", out _, out var diagnostics);

        Assert.That(ok, Is.False);
        Assert.That(diagnostics.Select(d => d.Code), Is.EquivalentTo(new[]
        {
            DiagnosticCodes.UnknownProperty, DiagnosticCodes.Cycle, DiagnosticCodes.UndefinedName, DiagnosticCodes.TypeMismatch,
        }), string.Join(Environment.NewLine, diagnostics));
        Assert.That(diagnostics.All(d => d.Location.Line > 0 && d.Location.Column > 0 && d.Location.File == "four.json"));

        var unknown = diagnostics.Single(d => d.Code == DiagnosticCodes.UnknownProperty);
        Assert.That((unknown.Location.Line, unknown.Location.Column), Is.EqualTo(PositionOf("\"colour\"")));
        Assert.That(unknown.Message, Does.Contain("colour"));

        var undefined = diagnostics.Single(d => d.Code == DiagnosticCodes.UndefinedName);
        Assert.That((undefined.Location.Line, undefined.Location.Column), Is.EqualTo(PositionOf("未定义")));
        Assert.That(undefined.Location.ExpressionColumn, Is.EqualTo(6));
        Assert.That(undefined.Location.JsonPath, Is.EqualTo("items[0].score"));
        Assert.That(undefined.Excerpt, Does.Contain("次数 + 未定义").And.Contain("^"));

        var type = diagnostics.Single(d => d.Code == DiagnosticCodes.TypeMismatch);
        Assert.That(type.Location.Line, Is.EqualTo(PositionOf("满意度 + true").Line));
        Assert.That(type.Location.JsonPath, Is.EqualTo("rules[0].when"));

        var cycle = diagnostics.Single(d => d.Code == DiagnosticCodes.Cycle);
        Assert.That(cycle.Message, Does.Contain("甲").And.Contain("乙"));
    }

    [Test]
    public void Parse_SchemeWithProblems_ThrowsWithEveryProblemInTheMessage()
    {
        var ex = Assert.Throws<SchemeLoadException>(() => GradingScheme.Parse(FourMistakes, "four.json"));

        Assert.That(ex!.Diagnostics, Has.Count.EqualTo(4));
        Assert.That(ex.Message, Does.Contain("4 problems").And.Contain("four.json(6,"));
    }

    [Test]
    public void TryParse_JsonSyntaxError_ReportsLineAndColumn()
    {
        const string json = "{\n  \"id\": \"x\",\n  \"name\": ,\n}";

        GradingScheme.TryParse(json, "bad.json", out _, out var diagnostics);

        var d = diagnostics.Single(x => x.Code == DiagnosticCodes.JsonSyntax);
        Assert.That(diagnostics, Has.Count.EqualTo(1), string.Join(Environment.NewLine, diagnostics));
        Assert.That(d.Location.Line, Is.EqualTo(3));
        Assert.That(d.Location.Column, Is.GreaterThan(0));
    }

    [Test]
    public void TryParse_DeeplyNestedJson_ReportedNotCrashed()
    {
        var json = "{\"id\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        GradingScheme.TryParse(json, "deep.json", out _, out var diagnostics);

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.JsonTooDeep));
    }

    [Test]
    public void TryParse_DuplicatePropertyAndDuplicateId_BothReportedWithTheFirstPlace()
    {
        var json = ExampleScheme.Text
            .Replace("\"name\": \"示例·党支部分类定级\",", "\"name\": \"示例\", \"name\": \"again\",")
            .Replace("{ \"id\": \"阵地\", \"label\": \"活动阵地\"", "{ \"id\": \"党课\", \"label\": \"活动阵地\"");

        GradingScheme.TryParse(json, "dup.json", out _, out var diagnostics);

        // The renamed item also leaves the rule on 阵地 pointing at nothing: reported too.
        Assert.That(diagnostics.Select(d => d.Code), Is.EquivalentTo(new[] { DiagnosticCodes.DuplicateProperty, DiagnosticCodes.DuplicateId, DiagnosticCodes.UnknownReference }),
            string.Join(Environment.NewLine, diagnostics));
        Assert.That(diagnostics[1].Message, Does.Contain("第 47 行"), "the duplicate names where the first one is");
    }

    [Test]
    public void TryParse_RaterWeightsNotSummingToOne_Reported()
    {
        var json = ExampleScheme.Text.Replace("\"weight\": 0.2", "\"weight\": 0.3");

        GradingScheme.TryParse(json, "w.json", out _, out var diagnostics);

        var d = diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.WeightsDoNotSumToOne));
        Assert.That(d.Message, Does.Contain("1.1"));
    }

    [Test]
    public void TryParse_ActionOnUndeclaredItem_ReportedWithSuggestion()
    {
        var json = ExampleScheme.Text.Replace("{ \"deduct\": \"支委会\"", "{ \"deduct\": \"支委\"");

        GradingScheme.TryParse(json, "t.json", out _, out var diagnostics);

        var d = diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.UnknownReference));
        Assert.That(d.Message, Does.Contain("支委会"));
        Assert.That(d.Location.Line, Is.EqualTo(PositionIn(json, "\"支委\"").Line));
    }

    [Test]
    public void TryParse_ReservedName_Reported()
    {
        var json = ExampleScheme.Text.Replace("{ \"id\": \"答卷数\"", "{ \"id\": \"总分\"");

        GradingScheme.TryParse(json, "r.json", out _, out var diagnostics);

        Assert.That(diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.ReservedName));
    }

    [Test]
    public void TryParse_RulesSettingEachOthersInputs_CycleNamesBothRules()
    {
        const string json = """
            {
              "id": "c", "name": "循环", "subject": "member",
              "values": [ { "id": "x", "type": "number", "initial": 1 }, { "id": "y", "type": "number", "initial": 1 } ],
              "rules": [
                { "id": "甲规则", "when": "x > 0", "then": [ { "set": "y", "to": "x" } ] },
                { "id": "乙规则", "when": "y > 0", "then": [ { "set": "x", "to": "y" } ] }
              ],
              "levels": [ { "id": "合格" } ]
            }
            """;

        GradingScheme.TryParse(json, "c.json", out _, out var diagnostics);

        var d = diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.Cycle));
        Assert.That(d.Message, Does.Contain("规则“甲规则”").And.Contain("规则“乙规则”"));
        Assert.That(d.Location.Line, Is.EqualTo(5));
    }

    [Test]
    public void TryParse_SalienceOrdersRulesSettingTheSameValue_LowerSalienceHasTheLastWord()
    {
        const string json = """
            {
              "id": "s", "name": "优先级", "subject": "member",
              "inputs": [ { "id": "n", "type": "integer" } ],
              "values": [ { "id": "结论", "type": "text", "initial": "无" } ],
              "rules": [
                { "id": "后", "salience": 1, "when": "n > 0", "then": [ { "set": "结论", "to": "'一般'" } ] },
                { "id": "先", "salience": 9, "when": "n > 5", "then": [ { "set": "结论", "to": "'较高'" } ] },
                { "id": "读", "when": "结论 == '一般'", "then": [ { "measure": "结论为{结论}" } ] }
              ],
              "levels": [ { "id": "合格" } ]
            }
            """;
        var scheme = GradingScheme.Parse(json);

        var result = scheme.Grade(new Dictionary<string, object?> { ["n"] = 7 });

        Assert.That(result.Explanation!.FiredRules.Select(r => r.RuleId), Is.EqualTo(new[] { "先", "后", "读" }));
        Assert.That(result.Measures.Single().Text, Is.EqualTo("结论为一般"));
    }

    [Test]
    public void TryParse_UnknownPropertyInRule_SuggestsTheKnownOne()
    {
        var json = ExampleScheme.Text.Replace("\"salience\": -10", "\"salince\": -10");

        GradingScheme.TryParse(json, "u.json", out _, out var diagnostics);

        var d = diagnostics.Single();
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.UnknownProperty));
        Assert.That(d.Message, Does.Contain("salience"));
    }

    [Test]
    public void TryParse_ExpressionAfterEscapes_FileColumnPointsAtTheCharacter()
    {
        var json = ExampleScheme.Text.Replace("\"when\": \"not 有活动阵地\"", "\"when\": \"\\u0020not 有活动阵地2\"");

        GradingScheme.TryParse(json, "e.json", out _, out var diagnostics);

        var d = diagnostics.Single();
        var line = json.Split('\n')[d.Location.Line - 1];
        Assert.That(line.Substring(d.Location.Column - 1), Does.StartWith("有活动阵地2"));
    }

    private static (int Line, int Column) PositionOf(string fragment) => PositionIn(FourMistakes, fragment);

    private static (int Line, int Column) PositionIn(string text, string fragment)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(fragment, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }

        throw new ArgumentException($"'{fragment}' not found");
    }
}
