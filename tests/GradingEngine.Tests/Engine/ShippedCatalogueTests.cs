using GradingEngine.DependencyInjection;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Engine;

/// <summary><see cref="SchemeCatalogue.Shipped"/>: the shipped schemes embedded in the library, and <c>AddShippedSchemes</c>.</summary>
public class ShippedCatalogueTests
{
    [Test]
    public void Shipped_HoldsEverySchemeFileOfTheSchemesFolder_ById()
    {
        var files = SchemeCatalogue.SchemeFiles(GoldenCases.SchemesFolder) // every *.json but the JSON Schemas
            .Select(f => JObject.Parse(File.ReadAllText(f)).Value<string>("id"))
            .Order(StringComparer.Ordinal);

        Assert.That(SchemeCatalogue.Shipped.All.Select(s => s.Id), Is.EqualTo(files));
        Assert.That(SchemeCatalogue.Shipped["org-sanfenlei"].Name, Is.EqualTo(GoldenCases.Catalogue["org-sanfenlei"].Name));
    }

    [Test]
    public void Shipped_EmbeddedTexts_AreTheSchemeFilesByteForByte()
    {
        var embedded = SchemeCatalogue.ShippedSources();

        Assert.That(embedded.Select(s => s.Key), Is.EqualTo(SchemeCatalogue.SchemeFiles(GoldenCases.SchemesFolder)
            .Select(f => "schemes/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)));
        foreach (var (name, text) in embedded)
        {
            Assert.That(text, Is.EqualTo(File.ReadAllText(Path.Combine(GoldenCases.SchemesFolder, name["schemes/".Length..]))), name);
        }
    }

    [Test]
    public void Shipped_FirstUseFromManyThreads_LoadsOneCatalogue()
    {
        var seen = new SchemeCatalogue[8];
        Parallel.For(0, seen.Length, i => seen[i] = SchemeCatalogue.Shipped);

        Assert.That(seen.Distinct().Count(), Is.EqualTo(1));
        Assert.That(SchemeCatalogue.Shipped, Is.SameAs(seen[0]));
    }

    [Test]
    public void Shipped_GradesEveryGoldenBaseInputLikeTheFolder()
    {
        foreach (var path in GoldenCases.CaseFilePaths())
        {
            var file = GoldenCases.Read(path);
            var input = file.Cases[0].Input;

            var shipped = SchemeCatalogue.Shipped[file.SchemeId].Grade(input);
            var folder = GoldenCases.Catalogue[file.SchemeId].Grade(input);

            Assert.That(shipped.ToString(), Is.EqualTo(folder.ToString()), file.SchemeId);
            Assert.That(shipped.Explanation!.ToText(), Is.EqualTo(folder.Explanation!.ToText()), file.SchemeId);
        }
    }

    [Test]
    public void AddShippedSchemes_CatalogueLooksUpShippedSchemesBesideAddedOnes()
    {
        using var provider = new ServiceCollection()
            .AddGradingEngine(options => options.AddShippedSchemes().AddScheme(ExampleScheme.Scheme))
            .BuildServiceProvider();

        var catalogue = provider.GetRequiredService<SchemeCatalogue>();

        Assert.That(catalogue["org-sanfenlei"], Is.SameAs(SchemeCatalogue.Shipped["org-sanfenlei"]));
        Assert.That(catalogue["example-branch"], Is.SameAs(ExampleScheme.Scheme));
        Assert.That(catalogue.All, Has.Count.EqualTo(SchemeCatalogue.Shipped.All.Count + 1));
    }

    [Test]
    public void AddShippedSchemes_AndAShippedIdAgain_ResolutionNamesTheId()
    {
        using var provider = new ServiceCollection()
            .AddGradingEngine(options => options.AddShippedSchemes().AddScheme(GoldenCases.Catalogue["member-wudai"]))
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<SchemeCatalogue>(), Throws.ArgumentException.With.Message.Contains("member-wudai"));
    }
}
