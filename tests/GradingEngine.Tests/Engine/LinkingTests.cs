using GradingEngine.Diagnostics;
using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>Linked members and teams, and variants, on both back ends.</summary>
[TestFixture("plan")]
[TestFixture("nrules")]
public class LinkingTests(string backEnd)
{
    private GradingScheme OnBackEnd(GradingScheme scheme) => backEnd == "nrules" ? scheme.WithBackEnd(NRules.NRulesBackEnd.Instance) : scheme;

    private const string Member = """
        {
          "id": "m", "name": "党员评议", "subject": "member",
          "inputs": [
            { "id": "得分", "type": "number", "min": 0, "max": 100 },
            { "id": "类型", "type": "enum", "values": ["正式党员", "预备党员"], "default": "正式党员" }
          ],
          "items": [ { "id": "评议", "points": 100, "score": "得分" } ],
          "rules": [ { "id": "预备", "when": "类型 == '预备党员'", "then": [ { "withholdLevel": true } ] } ],
          "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格", "minScore": 60 }, { "id": "不合格" } ]
        }
        """;

    private const string Team = """
        {
          "id": "t", "name": "班子评价", "subject": "team",
          "inputs": [ { "id": "分", "type": "number" }, { "id": "受处分", "type": "boolean", "default": false } ],
          "items": [ { "id": "表现", "points": 100, "score": "分" } ],
          "levels": [ { "id": "四好班子", "minScore": 90, "when": "not 受处分" }, { "id": "合格", "minScore": 60 }, { "id": "不合格" } ]
        }
        """;

    private const string Organisation = """
        {
          "id": "o", "name": "党组织评定", "subject": "organisation",
          "inputs": [
            { "id": "党员", "label": "党员", "type": "list", "scheme": "m" },
            { "id": "班子", "label": "领导班子", "type": "subject", "scheme": "t" }
          ],
          "values": [
            { "id": "参评人数", "expr": "count(党员, 类型 == '正式党员')" },
            { "id": "合格率", "label": "党员合格率", "expr": "count(党员, 等级 in ['优秀', '合格']) / 参评人数" }
          ],
          "items": [
            { "id": "党员队伍", "points": 50, "score": "合格率 * 50" },
            { "id": "班子建设", "points": 50, "score": "班子.总分 / 2" }
          ],
          "rules": [
            { "id": "班子不合格", "description": "班子评为不合格", "when": "班子.等级 == '不合格'", "then": [ { "cap": "二类" }, { "measure": "班子{班子.总分}分，需调整充实" } ] }
          ],
          "levels": [ { "id": "一类", "minScore": 80 }, { "id": "二类", "minScore": 60 }, { "id": "三类" } ]
        }
        """;

    private static readonly Lazy<GradingScheme> OrganisationScheme = new(() =>
    {
        var member = GradingScheme.Parse(Member, "m.json");
        var team = GradingScheme.Parse(Team, "t.json");
        return GradingScheme.Parse(Organisation, "o.json", [member, team]);
    });

    private static Dictionary<string, object?> Input(int teamScore, params (double Score, string Type)[] members) => new()
    {
        ["id"] = "O1",
        ["班子"] = new Dictionary<string, object?> { ["id"] = "T1", ["分"] = teamScore },
        ["党员"] = members.Select((m, i) => (object?)new Dictionary<string, object?> { ["id"] = $"M{i}", ["得分"] = m.Score, ["类型"] = m.Type }).ToList(),
    };

    [Test]
    public void GradeRow_OrganisationWithTypedMembersAndTeam_SameAsDictionary()
    {
        var scheme = OnBackEnd(OrganisationScheme.Value);
        var row = new OrganisationRow
        {
            Id = "O1",
            领导班子 = new TeamRow { Id = "T1", 分 = 55 },
            党员 = [new MemberRow { Id = "M0", 得分 = 95, 类型 = MemberKind.正式党员 }, new MemberRow { Id = "M1", 得分 = 50, 类型 = MemberKind.正式党员 }, new MemberRow { Id = "M2", 得分 = 40, 类型 = MemberKind.预备党员 }],
        };

        var typed = scheme.GradeRow(row);
        var expected = scheme.Grade(Input(55, (95, "正式党员"), (50, "正式党员"), (40, "预备党员")));

        Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(typed), Is.EqualTo(Newtonsoft.Json.JsonConvert.SerializeObject(expected)));
        Assert.That(typed.Linked["党员"].Select(m => m.SubjectId), Is.EqualTo(new[] { "M0", "M1", "M2" }));
        var withoutTeam = Input(55, (95, "正式党员"));
        withoutTeam.Remove("班子");
        var dictionaryGrades = scheme.TryGrade(withoutTeam, out _, out var problems);
        var graded = scheme.GradeRows([row, row with { 领导班子 = null }]).Select(r => (r.IsGraded, r.Problems.Select(p => p.Field).ToList())).ToList();
        Assert.That(graded[0].IsGraded, Is.True);
        Assert.That(graded[1].IsGraded, Is.EqualTo(dictionaryGrades));
        Assert.That(graded[1].Item2, Is.EqualTo(problems.Select(p => p.Field)));
    }

    public enum MemberKind
    {
        正式党员,
        预备党员,
    }

    public sealed record MemberRow
    {
        public string Id { get; init; } = "";

        public double 得分 { get; init; }

        public MemberKind 类型 { get; init; }
    }

    public sealed record TeamRow
    {
        public string Id { get; init; } = "";

        public double 分 { get; init; }
    }

    public sealed record OrganisationRow
    {
        public string Id { get; init; } = "";

        public TeamRow? 领导班子 { get; init; }

        public List<MemberRow> 党员 { get; init; } = [];
    }

    [Test]
    public void Grade_OrganisationWithTeamAndMembers_GradesAllThreeInOneCall()
    {
        var result = OnBackEnd(OrganisationScheme.Value).Grade(Input(90, (95, "正式党员"), (70, "正式党员"), (50, "正式党员"), (40, "预备党员")));

        Assert.That(result.Linked["党员"].Select(m => m.Level?.Id), Is.EqualTo(new[] { "优秀", "合格", "不合格", null }));
        Assert.That(result.Linked["党员"].Select(m => m.SubjectId), Is.EqualTo(new[] { "M0", "M1", "M2", "M3" }));
        Assert.That(result.Linked["班子"].Single().Level!.Id, Is.EqualTo("四好班子"));
        // 2 of 3 full members 优秀 or 合格 (the probationary member has no level and is not counted): 2/3 × 50.
        Assert.That(result.Item("党员队伍").Score, Is.EqualTo(33.33));
        Assert.That(result.Item("班子建设").Score, Is.EqualTo(45));
        Assert.That(result.Total, Is.EqualTo(78.33));
        Assert.That(result.Level!.Id, Is.EqualTo("二类"));
    }

    [Test]
    public void Grade_LinkedTeamLevel_ReadByOrganisationRule()
    {
        var result = OnBackEnd(OrganisationScheme.Value).Grade(Input(50, (95, "正式党员")));

        Assert.That(result.Total, Is.EqualTo(75));
        Assert.That(result.Level!.Id, Is.EqualTo("二类"));
        Assert.That(result.Measures.Single().Text, Is.EqualTo("班子50分，需调整充实"));
    }

    [Test]
    public void Grade_Explanation_ShowsTheChainFromMemberResultsToTheScore()
    {
        var text = OnBackEnd(OrganisationScheme.Value).Grade(Input(90, (95, "正式党员"), (50, "正式党员"))).Explanation!.ToText();

        Assert.That(text, Does.Contain("党员共 2 个（按“党员评议”评定）：优秀 1，合格 0，不合格 1"));
        Assert.That(text, Does.Contain("领导班子（按“班子评价”评定）：四好班子，总分 90 分"));
        Assert.That(text, Does.Contain("党员合格率 = 0.5"));
    }

    [Test]
    public void TryGrade_BadLinkedChild_ReportedUnderTheParentsPath()
    {
        var input = Input(90, (95, "正式党员"), (150, "正式党员"));
        ((Dictionary<string, object?>)input["班子"]!)["分"] = "高";

        OnBackEnd(OrganisationScheme.Value).TryGrade(input, out _, out var problems);

        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[] { "党员[1].得分", "班子.分" }));
    }

    [Test]
    public void Grade_OptionalTeamAbsentAfterAGradedOne_ReadsAsNoLevelNotThePreviousTeam()
    {
        var member = GradingScheme.Parse(Member, "m.json");
        var team = GradingScheme.Parse(Team, "t.json");
        var organisation = GradingScheme.Parse(
            Organisation.Replace("\"type\": \"subject\", \"scheme\": \"t\"", "\"type\": \"subject\", \"scheme\": \"t\", \"required\": false"),
            "o.json",
            [member, team]);
        OnBackEnd(organisation).Grade(Input(50, (95, "正式党员")));
        var absent = Input(0, (95, "正式党员"));
        absent.Remove("班子");

        var result = OnBackEnd(organisation).Grade(absent);

        Assert.That(result.Item("班子建设").Score, Is.EqualTo(0));
        Assert.That(result.Measures, Is.Empty, "班子.等级 is no level, so the rule on 不合格 does not fire");
        Assert.That(result.Linked["班子"], Is.Empty);
    }

    [Test]
    public void TryParse_LinkedSchemeNotLoaded_ReportedAtTheSchemeName()
    {
        GradingScheme.TryParse(Organisation, "o.json", out _, out var diagnostics);

        Assert.That(diagnostics.Select(d => d.Code).Distinct(), Does.Contain(DiagnosticCodes.UnknownReference));
        Assert.That(diagnostics.First(d => d.Code == DiagnosticCodes.UnknownReference).Message, Does.Contain("“m”"));
    }

    [Test]
    public void TryParse_Variant_ReplacesRemovesAndAddsByIdAndReportsInItsOwnFile()
    {
        var team = GradingScheme.Parse(Team, "t.json");
        const string variant = """
            {
              "extends": "t", "id": "t-soe", "name": "国企班子评价",
              "remove": ["受处分"],
              "inputs": [ { "id": "业绩", "type": "number" } ],
              "items": [ { "id": "表现", "points": 100, "score": "(分 + 业绩) / 2" } ],
              "levels": [ { "id": "四好班子", "minScore": 85 }, { "id": "合格", "minScore": 60 }, { "id": "不合格" } ]
            }
            """;

        var soe = GradingScheme.Parse(variant, "soe.json", [team]);
        var result = OnBackEnd(soe).Grade(new Dictionary<string, object?> { ["分"] = 80, ["业绩"] = 90 });

        Assert.That(soe.Inputs.Select(i => i.Id), Is.EqualTo(new[] { "分", "业绩" }));
        Assert.That(result.Total, Is.EqualTo(85));
        Assert.That(result.Level!.Id, Is.EqualTo("四好班子"));

        GradingScheme.TryParse(variant.Replace("(分 + 业绩) / 2", "分 + 未知"), "soe.json", [team], out _, out var diagnostics);
        Assert.That(diagnostics.Single().Location.File, Is.EqualTo("soe.json"));
        GradingScheme.TryParse(variant.Replace("\"受处分\"", "\"不存在\""), "soe.json", [team], out _, out diagnostics);
        Assert.That(diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.UnknownReference));
    }

    [Test]
    public void LoadFolder_SchemesLinkingOthers_CompiledAfterThemWhateverTheFileOrder()
    {
        var folder = Directory.CreateTempSubdirectory("grading-link-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a-organisation.json"), Organisation);
            File.WriteAllText(Path.Combine(folder, "b-team.json"), Team);
            File.WriteAllText(Path.Combine(folder, "c-member.json"), Member);

            var catalogue = SchemeCatalogue.LoadFolder(folder);

            Assert.That(catalogue.All.Select(s => s.Id), Is.EqualTo(new[] { "m", "o", "t" }));
            Assert.That(OnBackEnd(catalogue["o"]).Grade(Input(95, (95, "正式党员"))).Level!.Id, Is.EqualTo("一类"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
