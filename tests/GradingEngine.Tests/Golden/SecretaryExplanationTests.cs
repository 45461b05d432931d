using GradingEngine.Grading;

namespace GradingEngine.Tests.Golden;

/// <summary>What an organisation's secretary reads after one call grades the branch, its team and its 20 members.</summary>
public class SecretaryExplanationTests
{
    [Test]
    public void Grade_OrganisationWithTeamAnd20Members_CategoryMeasuresAndAChainedExplanation()
    {
        var file = GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "org-sanfenlei.cases.json"));
        var golden = file.Cases.Single(c => c.Name == "一次评定党组织、领导班子和20名党员");
        var scheme = GoldenCases.Catalogue["org-sanfenlei"];

        var result = scheme.Grade(golden.Input);
        var text = result.Explanation!.ToText();
        TestContext.Out.WriteLine(text);

        Assert.That(result.Level!.Label, Is.EqualTo("一类"));
        Assert.That(result.Linked["党员"], Has.Count.EqualTo(20));
        Assert.That(result.Linked["班子"].Single().Level, Is.Not.Null);
        Assert.That(result.Measures, Has.Count.EqualTo(3));
        Assert.That(text, Does.Contain("【评定结论】总分 96.67 分，评为“一类”"));
        Assert.That(text, Does.Contain("【关联评定】"));
        Assert.That(text, Does.Contain("党员共 20 个"), "the chain starts at the members' results");
        Assert.That(text, Does.Contain("党员队伍扣3.33分"), "and reaches the organisation's score");
    }
}
