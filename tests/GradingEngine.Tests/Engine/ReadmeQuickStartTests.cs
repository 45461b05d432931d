using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>The README's quick start, as written there, so that it stays true.</summary>
public class ReadmeQuickStartTests
{
    [Test]
    public void QuickStart_AsInTheReadme_GivesTheResultItQuotes()
    {
        var scheme = GradingScheme.Load(ExampleScheme.PathOf("example-branch.json"));

        var result = scheme.Grade(new Dictionary<string, object?>
        {
            ["id"] = "320102-0001",
            ["支委会次数"] = 7,
            ["党课次数"] = 4,
            ["班子综合评价"] = new Dictionary<string, object?> { ["自评"] = 95, ["群众评"] = 88, ["领导评"] = 90 },
        });

        Assert.That($"{result.Level?.Label} {result.Total}", Is.EqualTo("好 93.04"));
        Assert.That(result.Measures.Single().Text, Is.EqualTo("支部委员会全年召开7次（应12次），扣5分"));
        Assert.That(File.ReadAllText(Path.Combine(Golden.GoldenCases.RepositoryRoot, "README.md")), Does.Contain("// 好 93.04"));
    }
}
