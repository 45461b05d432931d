using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>Every duplicate is a diagnostic where the second one is, naming the line of the first; nothing throws.</summary>
public class SchemeDuplicateIdTests
{
    private static readonly string ComputedTwice = Member("""
          "values": [
            { "id": "v", "expr": "1" },
            { "id": "v", "expr": "2" }
          ]
        """);

    private static readonly string SettableTwice = Member("""
          "values": [
            { "id": "v", "type": "number", "initial": 0 },
            { "id": "v", "type": "number", "initial": 1 }
          ]
        """);

    private static readonly string SchemeRatersTwice = Member("""
          "raters": [
            { "id": "自评", "weight": 0.5 },
            { "id": "自评", "weight": 0.5 }
          ],
          "ratings": [ { "id": "表现" } ]
        """);

    private static readonly string RatingRatersTwice = Member("""
          "ratings": [ { "id": "表现", "raters": [
            { "id": "自评", "weight": 0.5 },
            { "id": "自评", "weight": 0.5 } ] } ]
        """);

    public static IEnumerable<TestCaseData> Duplicates()
    {
        yield return new TestCaseData(ComputedTwice, "{ \"id\": \"v\"", "values[1]").SetName("TryParse_TwoComputedValuesWithOneId_PositionedWithTheFirstLine");
        yield return new TestCaseData(SettableTwice, "{ \"id\": \"v\"", "values[1]").SetName("TryParse_TwoSettableValuesWithOneId_PositionedWithTheFirstLine");
        yield return new TestCaseData(SchemeRatersTwice, "{ \"id\": \"自评\"", "raters[1]").SetName("TryParse_TwoSchemeRatersWithOneId_PositionedWithTheFirstLine");
        yield return new TestCaseData(RatingRatersTwice, "{ \"id\": \"自评\"", "ratings[0].raters[1]").SetName("TryParse_TwoRatersOfARatingWithOneId_PositionedWithTheFirstLine");
    }

    [TestCaseSource(nameof(Duplicates))]
    public void TryParse_DuplicateId_PositionedDiagnosticNamingTheFirstLine(string json, string declaration, string path)
    {
        var problems = Problems(json);

        var duplicate = problems.Single(d => d.Code == DiagnosticCodes.DuplicateId);
        var first = PositionOf(json, declaration, 1);
        var second = PositionOf(json, declaration, 2);
        Assert.That((duplicate.Location.File, duplicate.Location.Line, duplicate.Location.Column), Is.EqualTo(("t.json", second.Line, second.Column)), Describe(problems));
        Assert.That(duplicate.Location.JsonPath, Is.EqualTo(path));
        Assert.That(duplicate.Message, Does.Contain($"第 {first.Line} 行").And.Contain($"line {first.Line}"));
    }

    [TestCase("\"inputs\": [ { \"id\": \"职务\", \"type\": \"enum\",\n    \"values\": [\"书记\", \"委员\",\n      \"书记\"] } ]", "inputs[0].values[2]")]
    [TestCase("\"values\": [ { \"id\": \"结论\", \"type\": \"enum\", \"initial\": \"书记\",\n    \"values\": [\"书记\", \"委员\",\n      \"书记\"] } ]", "values[0].values[2]")]
    [TestCase("\"inputs\": [ { \"id\": \"党员\", \"type\": \"list\", \"fields\": [ { \"id\": \"职务\", \"type\": \"enum\",\n    \"values\": [\"书记\", \"委员\",\n      \"书记\"] } ] } ]", "inputs[0].fields[0].values[2]")]
    public void TryParse_EnumValueListedTwice_PositionedAtTheSecondWithTheFirstLine(string section, string path)
    {
        var json = Member("  " + section);

        var problems = Problems(json);

        var duplicate = problems.Single();
        Assert.That(duplicate.Code, Is.EqualTo(DiagnosticCodes.DuplicateId), Describe(problems));
        Assert.That((duplicate.Location.Line, duplicate.Location.Column), Is.EqualTo(PositionOf(json, "\"书记\"", json.Contains("initial") ? 3 : 2)));
        Assert.That(duplicate.Location.JsonPath, Is.EqualTo(path));
        Assert.That(duplicate.Message, Does.Contain($"line {PositionOf(json, "[\"书记\"").Line}"));
    }

    [Test]
    public void Load_DuplicateComputedValues_SchemeLoadExceptionNotARawOne()
    {
        var ex = Assert.Throws<SchemeLoadException>(() => GradingScheme.Parse(ComputedTwice, "t.json"));

        Assert.That(ex!.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.DuplicateId));
    }

    [Test]
    public void LoadFolder_DuplicateSettableValuesAndRaters_EveryProblemOfEveryFileListed()
    {
        var folder = Directory.CreateTempSubdirectory("grading-duplicates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), SettableTwice);
            File.WriteAllText(Path.Combine(folder, "b.json"), RatingRatersTwice.Replace("\"id\": \"t\"", "\"id\": \"u\"", StringComparison.Ordinal));

            var ex = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.LoadFolder(folder));

            Assert.That(ex!.Diagnostics.Select(d => (Path.GetFileName(d.Location.File), d.Code)), Is.EquivalentTo(new[]
            {
                ("a.json", DiagnosticCodes.DuplicateId), ("b.json", DiagnosticCodes.DuplicateId),
            }), Describe(ex.Diagnostics));
            Assert.That(ex.Diagnostics.All(d => d.Location.Line > 1 && d.Location.JsonPath.Length > 0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("等级", DiagnosticCodes.ReservedName)]
    [TestCase("x", DiagnosticCodes.DuplicateId)]
    public void TryParse_RatingNamedLikeAnotherName_ReportedNotThrown(string id, string code)
    {
        var json = Member($$"""
              "inputs": [ { "id": "x", "type": "number" } ],
              "raters": [ { "id": "自评", "weight": 1 } ],
              "ratings": [ { "id": "{{id}}" } ]
            """);

        var problems = Problems(json);

        Assert.That(problems.Single().Code, Is.EqualTo(code), Describe(problems));
        Assert.That(problems.Single().Location.JsonPath, Is.EqualTo("ratings[0]"));
    }

    [TestCase("{ \"id\": \"名单\", \"type\": \"list\", \"fields\": [ { \"id\": \"子\", \"type\": \"list\" } ] }")]
    [TestCase("{ \"id\": \"名单\", \"type\": \"list\", \"fields\": [ { \"id\": \"子\", \"type\": \"subject\", \"scheme\": \"x\" } ] }")]
    [TestCase("{ \"id\": \"班子\", \"type\": \"subject\" }")]
    public void TryParse_ListOrSubjectWhereOnlyAPlainTypeFits_ReportedNotThrown(string input)
    {
        var problems = Problems(Member("  \"inputs\": [ " + input + " ]"));

        Assert.That(problems.Select(d => d.Code), Has.All.EqualTo(DiagnosticCodes.InvalidValue), Describe(problems));
        Assert.That(problems.All(d => d.Location.Line == 3));
    }
}
