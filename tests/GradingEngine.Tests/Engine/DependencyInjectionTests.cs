using GradingEngine.DependencyInjection;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using Microsoft.Extensions.DependencyInjection;

namespace GradingEngine.Tests.Engine;

public class DependencyInjectionTests
{
    [Test]
    public void AddGradingEngine_SchemeFolder_CatalogueSingletonLooksUpById()
    {
        var folder = Path.GetDirectoryName(ExampleScheme.PathOf("example-branch.json"))!;
        using var provider = new ServiceCollection()
            .AddGradingEngine(options => options.AddSchemeFolder(folder))
            .BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();

        Assert.That(provider.GetRequiredService<SchemeCatalogue>(), Is.SameAs(catalogue));
        Assert.That(catalogue["example-branch"].Name, Is.EqualTo("示例·党支部分类定级"));
        Assert.That(catalogue.TryGet("nope", out _), Is.False);
        Assert.That(() => catalogue["nope"], Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("example-branch"));
    }

    [Test]
    public void AddGradingEngine_FolderWithABadScheme_ResolutionListsItsProblems()
    {
        var folder = Directory.CreateTempSubdirectory("grading-di-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.json"), "{ \"id\": \"bad\", \"name\": \"坏\", \"subject\": \"member\", \"levels\": [ { \"id\": \"x\" } ], \"oops\": 1 }");
            using var provider = new ServiceCollection()
                .AddGradingEngine(options => options.AddSchemeFolder(folder))
                .BuildServiceProvider();

            var ex = Assert.Throws<SchemeLoadException>(() => provider.GetRequiredService<SchemeCatalogue>());

            Assert.That(ex!.Diagnostics.Single().Location.File, Does.EndWith("bad.json"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AddGradingEngine_LoadedScheme_Registered()
    {
        using var provider = new ServiceCollection()
            .AddGradingEngine(options => options.AddScheme(ExampleScheme.Scheme))
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<SchemeCatalogue>().All.Single(), Is.SameAs(ExampleScheme.Scheme));
    }

    [Test]
    public void AddGradingEngine_NRulesBackEndAndProvinceGrader_BothResolvedAndGradeAlike()
    {
        var services = new ServiceCollection();
        services.AddGradingEngine(o => o.AddShippedSchemes().UseBackEnd(GradingEngine.NRules.NRulesBackEnd.Instance).AddProvinceGrader("org-sanfenlei"));
        using var provider = services.BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();
        var grader = provider.GetRequiredService<GradingEngine.Batch.ProvinceGrader>();

        Assert.That(catalogue["member-wudai"].BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(grader.OrganisationScheme.BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(grader.MemberScheme.Id, Is.EqualTo("member-wudai"));
        var input = Golden.GoldenCases.Read(Golden.GoldenCases.CaseFilePaths().Single(p => p.EndsWith("member-wudai.cases.json", StringComparison.Ordinal))).Cases[0].Input;
        Assert.That(catalogue["member-wudai"].Grade(input).Total, Is.EqualTo(SchemeCatalogue.Shipped["member-wudai"].Grade(input).Total));
    }
}
