using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>Cycles point at the rules, values or schemes on them; chains of values of any length and order load.</summary>
public class SchemeCycleTests
{
    [Test]
    public void TryParse_RuleReadingTheLevelItForces_CyclePointsAtTheRule()
    {
        const string json = """
            {
              "id": "t", "name": "测试", "subject": "member",
              "items": [ { "id": "甲", "points": 10 } ],
              "rules": [
                { "id": "回头看", "when": "等级 == '好'", "then": [ { "force": "差" } ] } ],
              "levels": [ { "id": "好", "minScore": 5 }, { "id": "差" } ]
            }
            """;

        var d = Problems(json).Single();

        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.Cycle));
        Assert.That((d.Location.Line, d.Location.Column, d.Location.JsonPath), Is.EqualTo((5, 5, "rules[0]")));
        Assert.That(d.Message, Does.StartWith("规则与计算值之间存在循环依赖：规则“回头看”"));
    }

    [Test]
    public void TryParse_RuleReadingTheTotalItDeductsFrom_CyclePointsAtTheRule()
    {
        const string json = """
            {
              "id": "t", "name": "测试", "subject": "member",
              "items": [ { "id": "甲", "points": 10 } ],
              "rules": [
                { "id": "高分扣减", "when": "总分 > 5", "then": [ { "deduct": "甲", "points": "1" } ] } ],
              "levels": [ { "id": "合格" } ]
            }
            """;

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath, d.Location.Line), Is.EqualTo((DiagnosticCodes.Cycle, "rules[0]", 5)));
    }

    [Test]
    public void Load_SchemesExtendingEachOther_EachCyclePointsAtItsExtends()
    {
        var a = "{\n  \"id\": \"a\",\n  \"extends\": \"b\",\n  \"name\": \"甲\", \"subject\": \"member\", \"levels\": [ { \"id\": \"合格\" } ] }";
        var b = "{\n  \"id\": \"b\", \"name\": \"乙\", \"subject\": \"member\",\n  \"inputs\": [ { \"id\": \"名单\", \"type\": \"list\", \"scheme\": \"a\" } ],\n  \"levels\": [ { \"id\": \"合格\" } ] }";

        var ex = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.Load([new("a.json", a), new("b.json", b)]));

        Assert.That(ex!.Diagnostics.Select(d => d.Code), Has.All.EqualTo(DiagnosticCodes.Cycle));
        var onA = ex.Diagnostics.Single(d => d.Location.File == "a.json");
        var onB = ex.Diagnostics.Single(d => d.Location.File == "b.json");
        Assert.That((onA.Location.Line, onA.Location.Column, onA.Location.JsonPath), Is.EqualTo((3, 14, "extends")));
        Assert.That((onB.Location.Line, onB.Location.JsonPath), Is.EqualTo((3, "inputs[0].scheme")));
        Assert.That(onA.Message, Does.Contain("“a” → “b” → “a”"));
        Assert.That(onB.Message, Does.Contain("“b” → “a” → “b”"));
    }

    [Test]
    public void Load_SchemeExtendingItself_CyclePointsAtItsExtends()
    {
        var a = "{ \"id\": \"a\",\n  \"extends\": \"a\", \"name\": \"甲\", \"subject\": \"member\", \"levels\": [ { \"id\": \"合格\" } ] }";

        var ex = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.Load([new("a.json", a)]));

        var d = ex!.Diagnostics.Single();
        Assert.That((d.Code, d.Location.Line, d.Location.JsonPath), Is.EqualTo((DiagnosticCodes.Cycle, 2, "extends")));
    }

    [Test]
    public void TryParse_ChainOf10000ValuesDeclaredInReverse_Loads()
    {
        var json = Chain(10_000, Enumerable.Range(1, 10_000).ToList());

        var ok = GradingScheme.TryParse(json, "chain.json", out var scheme, out var problems);

        Assert.That(ok, Is.True, Describe(problems.Take(3)));
        var result = scheme!.Grade(new Dictionary<string, object?> { ["x"] = 1 });
        Assert.That(result.Measures.Single().Text, Is.EqualTo("10000"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Check_ChainOf10000ValuesInAnyOrder_TypesWithoutProblems(int seed)
    {
        var order = Enumerable.Range(1, 10_000).ToList();
        var random = new Random(seed);
        for (var i = order.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var bag = new DiagnosticBag("chain.json");
        var definition = SchemeReader.Read(JsonTreeReader.Read(Chain(10_000, order), bag)!, bag)!;

        var model = SchemeChecker.Check(definition, bag, ExpressionLimits.Default, _ => null);

        Assert.That(bag.ToSortedList(), Is.Empty, Describe(bag.ToSortedList().Take(3)));
        Assert.That(model!.Steps.Select(s => s.Id).Where(id => id.StartsWith('v')).First(), Is.EqualTo("v10000"));
    }

    [Test]
    public void TryParse_CycleAtTheEndOfALongChain_ReportedOnceWithItsValues()
    {
        var json = Chain(3000, Enumerable.Range(1, 3000).ToList()).Replace("\"expr\": \"x\"", "\"expr\": \"v1\"", StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.Cycle));
        Assert.That(d.Location.JsonPath, Does.StartWith("values["));
        Assert.That(d.Message, Does.Contain("计算值“v1”").And.Contain("计算值“v3000”"));
    }

    /// <summary>v1 = v2 + 1, …, v(n) = x, declared in the given order, with a rule quoting v1.</summary>
    private static string Chain(int n, IReadOnlyList<int> order)
    {
        var values = order.Select(i => i < n ? $"    {{ \"id\": \"v{i}\", \"expr\": \"v{i + 1} + 1\" }}" : $"    {{ \"id\": \"v{i}\", \"expr\": \"x\" }}");
        return Member($$"""
              "inputs": [ { "id": "x", "type": "integer" } ],
              "values": [
            {{string.Join(",\n", values)}} ],
              "rules": [ { "id": "报", "then": [ { "measure": "{v1}" } ] } ]
            """);
    }
}
