using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using static GradingEngine.Tests.Engine.SchemeSnippets;

namespace GradingEngine.Tests.Engine;

/// <summary>
/// Quotas in a member scheme (per organisation, <c>"within": "组织编号"</c>): where the checker refuses them, and how
/// one call grading an organisation with its members applies them, on both back ends.
/// </summary>
[TestFixture("plan")]
[TestFixture("nrules")]
public class MemberQuotaTests(string backEnd)
{
    private const string MemberScheme = """
        {
          "id": "m", "name": "党员评议", "subject": "member",
          "inputs": [
            { "id": "得分", "type": "number", "min": 0, "max": 100 },
            { "id": "类型", "type": "enum", "values": ["正式党员", "预备党员"], "default": "正式党员" }
          ],
          "items": [ { "id": "评议", "points": 100, "score": "得分" } ],
          "rules": [
            { "id": "预备", "when": "类型 == '预备党员'", "then": [ { "withholdLevel": true } ] },
            { "id": "优秀措施", "when": "等级 == '优秀'", "then": [ { "measure": "表彰" } ] }
          ],
          "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格", "minScore": 60 }, { "id": "不合格" } ],
          "quotas": [ { "id": "优秀比例", "description": "优秀不超过三分之一", "level": "优秀", "within": "组织编号", "share": "1/3", "rankBy": ["总分"] } ]
        }
        """;

    private const string OrganisationScheme = """
        {
          "id": "o", "name": "党组织评定", "subject": "organisation",
          "inputs": [ { "id": "党员", "label": "党员", "type": "list", "scheme": "m" } ],
          "values": [ { "id": "优秀人数", "expr": "count(党员, 等级 == '优秀')" } ],
          "items": [ { "id": "党员队伍", "points": 100, "score": "min(优秀人数 * 10, 100)" } ],
          "levels": [ { "id": "一类", "minScore": 80 }, { "id": "二类", "minScore": 20 }, { "id": "三类" } ]
        }
        """;

    private GradingScheme Organisation(string member = MemberScheme)
    {
        var scheme = GradingScheme.Parse(OrganisationScheme, "o.json", [GradingScheme.Parse(member, "m.json")]);
        return backEnd == "nrules" ? scheme.WithBackEnd(NRules.NRulesBackEnd.Instance) : scheme;
    }

    /// <summary>Nine members with a level (five 优秀: E 91, D 95, C 95, B 97, A 99 in this order; four 合格) and one 预备党员 with 99.</summary>
    private static Dictionary<string, object?> Branch()
    {
        var members = new List<object?>();
        foreach (var (id, score) in new[] { ("E", 91), ("D", 95), ("C", 95), ("B", 97), ("A", 99), ("G1", 70), ("G2", 70), ("G3", 70), ("G4", 70) })
        {
            members.Add(new Dictionary<string, object?> { ["id"] = id, ["得分"] = score });
        }

        members.Add(new Dictionary<string, object?> { ["id"] = "P", ["得分"] = 99, ["类型"] = "预备党员" });
        return new Dictionary<string, object?> { ["id"] = "O1", ["党员"] = members };
    }

    [Test]
    public void Grade_OrganisationWithNineMembersFiveExcellent_ThreeStayTwoMovedAndScoreCounted()
    {
        var result = Organisation().Grade(Branch());

        var members = result.Linked["党员"];
        Assert.That(members.Where(m => m.Level?.Id == "优秀").Select(m => m.SubjectId), Is.EqualTo(new[] { "D", "B", "A" }),
            "by 总分; C ties with D and comes after it in the list");
        Assert.That(members.Single(m => m.SubjectId == "C").Level!.Id, Is.EqualTo("合格"));
        Assert.That(members.Single(m => m.SubjectId == "E").Level!.Id, Is.EqualTo("合格"));
        Assert.That(members.Single(m => m.SubjectId == "P").Level, Is.Null);
        Assert.That(members.Single(m => m.SubjectId == "C").Measures, Is.Empty, "measures follow the level the quota left");
        Assert.That(members.Single(m => m.SubjectId == "C").Explanation!.Level.Decision, Is.EqualTo(LevelDecision.Quota));
        Assert.That(result.Total, Is.EqualTo(30), "the organisation counts the capped levels");
        Assert.That(result.Explanation!.Linked, Has.Some.EqualTo("因名额限制（优秀不超过三分之一）调低等级的党员 2 个：E（优秀→合格）、C（优秀→合格）"));
    }

    [Test]
    public void Grade_BranchOfThreeWithTwoExcellent_OneStays()
    {
        var input = new Dictionary<string, object?>
        {
            ["id"] = "O1",
            ["党员"] = new List<object?>
            {
                new Dictionary<string, object?> { ["id"] = "X", ["得分"] = 92 },
                new Dictionary<string, object?> { ["id"] = "Y", ["得分"] = 96 },
                new Dictionary<string, object?> { ["id"] = "Z", ["得分"] = 70 },
            },
        };

        var result = Organisation().Grade(input);

        Assert.That(result.Linked["党员"].Select(m => m.Level!.Id), Is.EqualTo(new[] { "合格", "优秀", "合格" }), "⌊3 × 1/3⌋ = 1");
    }

    [Test]
    public void Grade_MemberSchemeWithoutQuota_NoMoves()
    {
        var member = MemberScheme[..MemberScheme.IndexOf(",\n  \"quotas\"", StringComparison.Ordinal)] + "\n}";

        var result = Organisation(member).Grade(Branch());

        Assert.That(result.Linked["党员"].Count(m => m.Level?.Id == "优秀"), Is.EqualTo(5));
        Assert.That(result.Total, Is.EqualTo(50));
        Assert.That(result.Explanation!.Linked, Has.None.Contains("名额"));
    }

    [Test]
    public void Grade_OneMember_QuotaNotApplied()
    {
        var member = GradingScheme.Parse(MemberScheme, "m.json");

        var result = member.Grade(new Dictionary<string, object?> { ["id"] = "E", ["得分"] = 91 });

        Assert.That(result.Level!.Id, Is.EqualTo("优秀"));
    }

    [Test]
    public void TryParse_MemberQuotaGroupedByARegion_ReportedAtWithin()
    {
        var json = MemberScheme.Replace("\"within\": \"组织编号\"", "\"within\": \"县\"", StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath), Is.EqualTo((DiagnosticCodes.InvalidValue, "quotas[0].within")));
        Assert.That((d.Location.Line, d.Location.Column), Is.EqualTo(PositionOf(json, "\"县\"")));
        Assert.That(d.Message, Does.Contain("组织编号"));
    }

    [TestCase("\"share\": \"1/0\"", "\"1/0\"")]
    [TestCase("\"share\": \"4/3\"", "\"4/3\"")]
    [TestCase("\"share\": \"三分之一\"", "\"三分之一\"")]
    [TestCase("\"share\": 1.5", "1.5")]
    public void TryParse_MemberQuotaWithABadShare_ReportedAtShare(string share, string fragment)
    {
        var json = MemberScheme.Replace("\"share\": \"1/3\"", share, StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath), Is.EqualTo((DiagnosticCodes.InvalidValue, "quotas[0].share")));
        Assert.That((d.Location.Line, d.Location.Column), Is.EqualTo(PositionOf(json, fragment)));
    }

    [Test]
    public void TryParse_MemberQuotaOnUnknownLevelOrRankKey_ReportedWhereTheyAre()
    {
        var json = MemberScheme.Replace("\"level\": \"优秀\"", "\"level\": \"优异\"", StringComparison.Ordinal)
            .Replace("\"rankBy\": [\"总分\"]", "\"rankBy\": [\"总分\", \"得分 + 1\"]", StringComparison.Ordinal);

        var problems = Problems(json);

        Assert.That(problems.Select(p => p.Location.JsonPath), Is.EquivalentTo(new[] { "quotas[0].level", "quotas[0].rankBy[1]" }), Describe(problems));
        Assert.That(problems.Single(p => p.Location.JsonPath == "quotas[0].level").Message, Does.Contain("优秀"));
    }

    [Test]
    public void TryParse_MemberSchemeWithBottomRanking_Reported()
    {
        var json = Member("""
              "items": [ { "id": "甲", "points": 10 } ],
              "bottomRanking": [ { "id": "末位", "within": "组织编号", "share": 0.1 } ]
            """);

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath, d.Location.Line), Is.EqualTo((DiagnosticCodes.InvalidValue, "bottomRanking[0]", 4)));
    }

    [Test]
    public void TryParse_TeamSchemeWithQuota_Reported()
    {
        var json = MemberScheme.Replace("\"subject\": \"member\"", "\"subject\": \"team\"", StringComparison.Ordinal)
            .Replace("\"within\": \"组织编号\"", "\"within\": \"县\"", StringComparison.Ordinal);

        var d = Problems(json).Single();

        Assert.That((d.Code, d.Location.JsonPath), Is.EqualTo((DiagnosticCodes.InvalidValue, "quotas[0]")));
        Assert.That(d.Message, Does.Contain("领导班子方案不能设名额"));
    }

    [Test]
    public void TryParse_OrganisationQuotaWithinOrganisationId_ReportedAtWithin()
    {
        var json = OrganisationScheme.Replace("\"levels\"", "\"quotas\": [ { \"id\": \"q\", \"level\": \"一类\", \"within\": \"组织编号\", \"share\": 0.3 } ],\n  \"levels\"", StringComparison.Ordinal);
        var ok = GradingScheme.TryParse(json, "o.json", [GradingScheme.Parse(MemberScheme, "m.json")], out _, out var diagnostics);

        Assert.That(ok, Is.False);
        Assert.That(diagnostics.Single().Location.JsonPath, Is.EqualTo("quotas[0].within"));
    }
}
