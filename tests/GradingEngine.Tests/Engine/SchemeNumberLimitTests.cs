using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>Points, weights and bounds are finite and within the documented ranges (docs/scheme-format.md, "Numbers").</summary>
public class SchemeNumberLimitTests
{
    [TestCase("\"items\": [ { \"id\": \"甲\", \"points\": 1e308, \"style\": \"deduct\" } ]", "items[0].points")]
    [TestCase("\"items\": [ { \"id\": \"甲\", \"points\": 1000000001 } ]", "items[0].points")]
    [TestCase("\"items\": [ { \"id\": \"甲\", \"points\": 1e400 } ]", "items[0].points")]
    [TestCase("\"inputs\": [ { \"id\": \"n\", \"type\": \"integer\", \"min\": 9007199254740993 } ]", "inputs[0].min")]
    [TestCase("\"inputs\": [ { \"id\": \"n\", \"type\": \"integer\", \"max\": -9007199254740993 } ]", "inputs[0].max")]
    [TestCase("\"inputs\": [ { \"id\": \"n\", \"type\": \"number\", \"max\": 123456789012345678901234567890 } ]", "inputs[0].max")]
    [TestCase("\"inputs\": [ { \"id\": \"n\", \"type\": \"number\", \"min\": -1e300 } ]", "inputs[0].min")]
    [TestCase("\"inputs\": [ { \"id\": \"n\", \"type\": \"integer\", \"default\": 9007199254740993 } ]", "inputs[0].default")]
    [TestCase("\"values\": [ { \"id\": \"v\", \"type\": \"number\", \"initial\": 1e300 } ]", "values[0].initial")]
    [TestCase("\"raters\": [ { \"id\": \"自评\", \"weight\": 1e300 } ], \"ratings\": [ { \"id\": \"表现\" } ]", "raters[0].weight")]
    [TestCase("\"raters\": [ { \"id\": \"自评\", \"weight\": 1 } ], \"ratings\": [ { \"id\": \"表现\", \"scale\": 1e12 } ]", "ratings[0].scale")]
    public void TryParse_NumberOutOfItsRange_ReportedWhereItIs(string section, string path)
    {
        var json = Member("  " + section);

        var problems = Problems(json);

        var d = problems.First(p => p.Location.JsonPath == path);
        Assert.That(d.Code, Is.EqualTo(DiagnosticCodes.InvalidValue), Describe(problems));
        Assert.That(d.Location.Line, Is.EqualTo(3));
    }

    [Test]
    public void TryParse_MinScoreBeyondTheLimit_Reported()
    {
        const string json = """
            { "id": "t", "name": "测试", "subject": "member",
              "items": [ { "id": "甲", "points": 10 } ],
              "levels": [ { "id": "好", "minScore": 1e10 }, { "id": "差" } ] }
            """;

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath), Is.EqualTo((DiagnosticCodes.InvalidValue, "levels[0].minScore")));
        Assert.That(d.Message, Does.Contain("1000000000"));
    }

    [Test]
    public void TryParse_ItemsAddingUpBeyondTheLimit_ReportedAtTheItems()
    {
        var json = Member("""
              "items": [
                { "id": "甲", "points": 600000000 },
                { "id": "乙", "points": 600000000, "style": "deduct" } ]
            """);

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath, d.Location.Line), Is.EqualTo((DiagnosticCodes.InvalidValue, "items", 3)));
        Assert.That(d.Message, Does.Contain("1200000000"));
    }

    [Test]
    public void TryParse_SubItemsAddingUpBeyondTheLimit_ReportedAtTheirParent()
    {
        var json = Member("""
              "items": [
                { "id": "甲", "items": [ { "id": "甲1", "points": 600000000 }, { "id": "甲2", "points": 600000000 } ] } ]
            """);

        var problems = Problems(json);

        Assert.That(problems.Select(p => p.Location.JsonPath), Does.Contain("items[0]"), Describe(problems));
    }

    [Test]
    public void Grade_PointsAtTheLimits_TotalIsFinite()
    {
        var json = Member("""
              "inputs": [ { "id": "n", "type": "integer", "min": -9007199254740992, "max": 9007199254740992, "default": 9007199254740992 } ],
              "items": [ { "id": "甲", "points": 500000000, "style": "deduct" }, { "id": "乙", "points": 500000000, "style": "deduct" } ]
            """);

        var scheme = GradingScheme.Parse(json);
        var result = scheme.Grade(new Dictionary<string, object?>());

        Assert.That(result.Total, Is.EqualTo(1e9));
        Assert.That(scheme.Inputs.Single().Max, Is.EqualTo(9007199254740992d));
    }
}
