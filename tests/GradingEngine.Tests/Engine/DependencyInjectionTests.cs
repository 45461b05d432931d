using GradingEngine.DependencyInjection;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.NRules;
using Microsoft.Extensions.Configuration;
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
        services.AddGradingEngine(o => o.AddShippedSchemes().UseBackEnd(GradingEngine.NRules.NRulesBackEnd.Instance)).AddProvinceGrader("org-sanfenlei");
        using var provider = services.BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();
        var grader = provider.GetRequiredService<GradingEngine.Batch.ProvinceGrader>();

        Assert.That(catalogue["member-wudai"].BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(grader.OrganisationScheme.BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(grader.MemberScheme.Id, Is.EqualTo("member-wudai"));
        var input = Golden.GoldenCases.Read(Golden.GoldenCases.CaseFilePaths().Single(p => p.EndsWith("member-wudai.cases.json", StringComparison.Ordinal))).Cases[0].Input;
        Assert.That(catalogue["member-wudai"].Grade(input).Total, Is.EqualTo(SchemeCatalogue.Shipped["member-wudai"].Grade(input).Total));
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Grading:" + s.Key, s.Value)))
            .Build()
            .GetSection("Grading");

    [Test]
    public void AddGradingEngine_ConfigurationSection_BindsFoldersEngineThreadsAndProvinceScheme()
    {
        var folder = Path.GetDirectoryName(ExampleScheme.PathOf("example-branch.json"))!;
        var section = Section(("SchemeFolders:0", folder), ("Engine", "nrules"), ("Threads", "3"), ("ProvinceScheme", "org-sanfenlei"));
        using var provider = new ServiceCollection()
            .AddGradingEngine(section)
            .AddNRulesBackEnd()
            .AddProvinceGrader(section)
            .BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();
        var grader = provider.GetRequiredService<GradingEngine.Batch.ProvinceGrader>();

        Assert.That(catalogue["example-branch"].BackEnd.Name, Is.EqualTo("nrules"));
        Assert.That(catalogue["org-sanfenlei"].BackEnd.Name, Is.EqualTo("nrules"), "shipped schemes are in by default");
        Assert.That(grader.Defaults.Threads, Is.EqualTo(3));
        Assert.That(grader.OrganisationScheme.BackEnd.Name, Is.EqualTo("nrules"));
    }

    [Test]
    public void AddGradingEngine_ConfigurationWithoutShippedSchemes_OnlyTheFolder()
    {
        var folder = Path.GetDirectoryName(ExampleScheme.PathOf("example-branch.json"))!;
        using var provider = new ServiceCollection()
            .AddGradingEngine(Section(("ShippedSchemes", "false"), ("SchemeFolders:0", folder)))
            .BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();

        Assert.That(catalogue.All.Select(s => s.Id), Does.Contain("example-branch").And.Not.Contain("org-sanfenlei"));
        Assert.That(catalogue["example-branch"].BackEnd.Name, Is.EqualTo("plan"));
    }

    [Test]
    public void AddGradingEngine_ConfigurationWithATypo_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddGradingEngine(Section(("SchemeFolder", "schemes"))));

        Assert.That(ex!.Message, Does.Contain("Grading:SchemeFolder").And.Contain("SchemeFolders"));
    }

    [Test]
    public void AddGradingEngine_NRulesEngineNotRegistered_ResolvingTheCatalogueSaysHowToRegisterIt()
    {
        using var provider = new ServiceCollection().AddGradingEngine(Section(("Engine", "nrules"))).BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SchemeCatalogue>());

        Assert.That(ex!.Message, Does.Contain("nrules").And.Contain("AddNRulesBackEnd"));
    }

    [Test]
    public void AddProvinceGrader_ThreadsNotANumber_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddProvinceGrader(Section(("Threads", "two"))));

        Assert.That(ex!.Message, Does.Contain("Threads").And.Contain("two"));
    }
}
