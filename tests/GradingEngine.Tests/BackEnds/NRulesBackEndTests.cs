using GradingEngine.Grading;
using GradingEngine.NRules;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;

namespace GradingEngine.Tests.BackEnds;

/// <summary>The NRules back end: results identical to the plan's, a rule set that shows the scheme, and a scheme used beside a developer's own rules.</summary>
public class NRulesBackEndTests
{
    private static GradingScheme Member => GoldenCases.Catalogue["member-wudai"];

    [Test]
    public void Grade_EveryGoldenCaseOfEveryScheme_SameResultAndExplanationAsThePlan()
    {
        var compared = 0;
        foreach (var path in GoldenCases.CaseFilePaths())
        {
            foreach (var goldenCase in GoldenCases.Read(path).Cases)
            {
                var plan = GoldenCases.Catalogue[goldenCase.SchemeId];
                var nrules = plan.WithBackEnd(NRulesBackEnd.Instance);
                var expected = JsonConvert.SerializeObject(plan.Grade(goldenCase.Input), Formatting.Indented);
                var actual = JsonConvert.SerializeObject(nrules.Grade(goldenCase.Input), Formatting.Indented);
                Assert.That(actual, Is.EqualTo(expected), $"{goldenCase.SchemeId}：{goldenCase.Name}");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(75));
    }

    [Test]
    public void GradeMany_EveryGoldenInputInBatchesWithABadSubject_SameResultsInOrderAndTheBadOneThrowsWhereItIs()
    {
        foreach (var group in GoldenCases.CaseFilePaths().SelectMany(p => GoldenCases.Read(p).Cases).GroupBy(c => c.SchemeId))
        {
            var plan = GoldenCases.Catalogue[group.Key];
            var inputs = Enumerable.Repeat(group.Select(c => c.Input), 5).SelectMany(i => i).ToList(); // more than one batch
            var expected = plan.GradeMany(inputs).Select(r => JsonConvert.SerializeObject(r)).ToList();
            var actual = plan.WithBackEnd(NRulesBackEnd.Instance).GradeMany(inputs).Select(r => JsonConvert.SerializeObject(r)).ToList();
            Assert.That(actual, Is.EqualTo(expected), group.Key);
        }

        var bad = new Dictionary<string, object?>(BaseMember()) { ["应参加组织生活次数"] = -1 };
        using var results = Member.WithBackEnd(NRulesBackEnd.Instance).GradeMany([BaseMember(), bad, BaseMember()]).GetEnumerator();
        Assert.That(results.MoveNext(), Is.True);
        Assert.That(results.Current.Total, Is.EqualTo(Member.Grade(BaseMember()).Total));
        Assert.That(() => results.MoveNext(), Throws.TypeOf<SubjectInputException>());
    }

    [Test]
    public void WithBackEnd_NRules_GradesThroughNRulesRules()
    {
        var scheme = Member.WithBackEnd(NRulesBackEnd.Instance);
        Assert.That(scheme.BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(scheme.WithBackEnd(NRulesBackEnd.Instance), Is.SameAs(scheme));
        Assert.That(Member.BackEnd.Name, Is.EqualTo("plan"));

        var repository = new RuleRepository().LoadScheme(Member);
        var session = repository.Compile().CreateSession();
        var fired = new List<string>();
        session.Events.RuleFiredEvent += (_, e) => fired.Add(e.Rule.Name);
        var fact = session.InsertSubject(Member, BaseMember());
        session.Fire();

        Assert.That(fact.IsGraded, Is.True);
        Assert.That(fired[0], Is.EqualTo("member-wudai:阶段0"));
        Assert.That(fired[^1], Does.StartWith("member-wudai:阶段"));
        Assert.That(fact.ToResult().Total, Is.EqualTo(Member.Grade(BaseMember()).Total));
    }

    [Test]
    public void RuleSet_MemberScheme_EveryRuleGateAndVetoIsAnNRulesRuleWithItsLabel()
    {
        var ruleSet = new RuleRepository().LoadScheme(Member).GetRuleSets().Single();
        var rules = ruleSet.Rules.ToDictionary(r => r.Name);
        foreach (var rule in Member.Model.Rules)
        {
            var name = rules.Keys.SingleOrDefault(n => n.EndsWith($"“{rule.Id}”", StringComparison.Ordinal));
            Assert.That(name, Is.Not.Null, $"no NRules rule for {rule.Id}");
            Assert.That(rules[name!].Description, Is.EqualTo(rule.DisplayName));
            Assert.That(rules[name!].Tags, Does.Contain("member-wudai"));
        }

        // Values, items, the total and the level are computed by the stage rules, which name them.
        var stages = rules.Values.Where(r => r.Tags.Contains("Stage")).Select(r => r.Description).ToList();
        foreach (var item in Member.Model.Items)
        {
            Assert.That(stages.Any(d => d.Contains($"评分项“{item.Id}”", StringComparison.Ordinal)), Is.True, item.Id);
        }

        Assert.That(stages.Any(d => d.Contains("等级", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Session_SchemeBesideADevelopersFluentRule_TheirRuleAddsAFlagAndAMeasureToTheResult()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ExcellentMemberFollowUp)));
        repository.LoadScheme(GoldenCases.Catalogue["org-sanfenlei"]); // brings the member and team schemes it links
        var session = repository.Compile().CreateSession();

        var fact = session.InsertSubject(Member, BaseMember());
        session.Fire();
        var result = fact.ToResult();

        var plain = Member.Grade(BaseMember());
        Assert.That(result.Level?.Label, Is.EqualTo("优秀"));
        Assert.That(result.Total, Is.EqualTo(plain.Total));
        Assert.That(result.Measures.Select(m => m.Text), Is.EqualTo(plain.Measures.Select(m => m.Text).Append("推荐参评优秀共产党员")));
        Assert.That(result.Flags.Select(f => f.Id), Does.Contain("勤学标兵"));
        Assert.That(plain.Flags.Select(f => f.Id), Does.Not.Contain("勤学标兵"));
    }

    [Test]
    public void Explain_OnNRules_SameExplanationPlusTheNRulesRulesThatFiredInOrder()
    {
        var plan = Member.GradeInBatch(BaseMember(), imposedCap: 0).Explanation!;
        var nrules = Member.WithBackEnd(NRulesBackEnd.Instance).GradeInBatch(BaseMember(), imposedCap: 0).Explanation!;

        Assert.That(plan.EngineRules, Is.Empty);
        Assert.That(nrules.EngineRules[0], Does.StartWith("member-wudai:阶段0"));
        Assert.That(nrules.EngineRules[^1], Does.Contain("评定完成").And.Contain("← member-wudai:M-1"));
        var firedSchemeRules = nrules.EngineRules.Where(r => r.Contains(":规则", StringComparison.Ordinal) || r.Contains(":闸门", StringComparison.Ordinal) || r.Contains(":一票否决", StringComparison.Ordinal)).ToList();
        Assert.That(firedSchemeRules, Has.Count.EqualTo(plan.FiredRules.Count));
        Assert.That(nrules.ToText(), Does.StartWith(plan.ToText()));
    }

    [Test]
    public void ToResult_BeforeFire_ExplainsThatTheSessionMustFire()
    {
        var session = new RuleRepository().LoadScheme(Member).Compile().CreateSession();
        var fact = session.InsertSubject(Member, BaseMember());
        Assert.That(() => fact.ToResult(), Throws.InvalidOperationException.With.Message.Contains("Fire"));
    }

    [Test]
    public void LoadScheme_Twice_AddsEachRuleSetOnce()
    {
        var repository = new RuleRepository().LoadScheme(GoldenCases.Catalogue["org-sanfenlei"]).LoadScheme(Member);
        Assert.That(repository.GetRuleSets().Select(s => s.Name).Order(), Is.EqualTo(new[] { "member-wudai", "org-sanfenlei", "team-sihao" }));
    }

    private static Dictionary<string, object?> BaseMember()
    {
        var rater = new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 90, ["领导评"] = 90 };
        return new Dictionary<string, object?>
        {
            ["id"] = "M-1",
            ["党员类型"] = "正式党员",
            ["应参加组织生活次数"] = 12,
            ["参加组织生活次数"] = 12,
            ["按时交纳党费月数"] = 12,
            ["学习提高"] = rater,
            ["创造佳绩"] = rater,
            ["服务群众"] = rater,
            ["遵纪守法"] = rater,
            ["弘扬正气"] = rater,
        };
    }
}

/// <summary>A developer's own rule: an excellent member is put forward and marked as a model learner.</summary>
public sealed class ExcellentMemberFollowUp : Rule
{
    public override void Define()
    {
        GradingFact member = null!;
        When().Match(() => member, m => m.SchemeId == "member-wudai", m => m.IsGraded, m => m.Level == "优秀");
        Then().Do(_ => FollowUp(member));
    }

    private static void FollowUp(GradingFact member)
    {
        member.RaiseFlag("勤学标兵");
        member.AddMeasure("推荐参评优秀共产党员");
    }
}
