using GradingEngine.DependencyInjection;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Microsoft.Extensions.DependencyInjection;

namespace GradingEngine.Tests.Engine;

/// <summary>Several versions of one scheme id in one folder, each in force on its own days (<c>"effective"</c>).</summary>
public class SchemeVersionTests
{
    private static readonly DateOnly In2025 = new(2025, 6, 1);
    private static readonly DateOnly In2026 = new(2026, 6, 1);

    /// <summary>The shipped schemes, with member-wudai split into a 2025 version (优秀 from 95) and the 2026 one.</summary>
    private static string VersionedFolder(string? member2025Effective = "{ \"to\": \"2025-12-31\" }", string member2026Effective = "{ \"from\": \"2026-01-01\" }")
    {
        var folder = Directory.CreateTempSubdirectory("grading-versions-").FullName;
        foreach (var file in Directory.GetFiles(GoldenCases.SchemesFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var member = Path.Combine(folder, "member-wudai.json");
        var text = File.ReadAllText(member);
        File.WriteAllText(member, text.Replace("\"version\": \"2026.1\",", $"\"version\": \"2026.1\", \"effective\": {member2026Effective},", StringComparison.Ordinal));
        if (member2025Effective is not null)
        {
            var old = text.Replace("\"version\": \"2026.1\",", $"\"version\": \"2025\", \"effective\": {member2025Effective},", StringComparison.Ordinal)
                .Replace("{ \"id\": \"优秀\", \"label\": \"优秀\", \"minScore\": 90", "{ \"id\": \"优秀\", \"label\": \"优秀\", \"minScore\": 95", StringComparison.Ordinal);
            Assert.That(old, Does.Contain("\"minScore\": 95"), "the 2025 version differs");
            File.WriteAllText(Path.Combine(folder, "member-wudai-2025.json"), old);
        }

        return folder;
    }

    private static Newtonsoft.Json.Linq.JObject MemberInput() =>
        GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "member-wudai.cases.json")).Cases[0].Input; // 92.5 分：2026 优秀，2025 合格

    [Test]
    public void InForce_PicksTheVersionOfTheDate()
    {
        var catalogue = SchemeCatalogue.LoadFolder(VersionedFolder());

        var old = catalogue.Get("member-wudai", In2025);
        var current = catalogue.InForce(In2026)["member-wudai"];

        Assert.Multiple(() =>
        {
            Assert.That(old.Version, Is.EqualTo("2025"));
            Assert.That(old.EffectiveTo, Is.EqualTo(new DateOnly(2025, 12, 31)));
            Assert.That(current.Version, Is.EqualTo("2026.1"));
            Assert.That(catalogue.Get("member-wudai", new DateOnly(2025, 12, 31)).Version, Is.EqualTo("2025"), "to is inclusive");
            Assert.That(catalogue.Get("member-wudai", new DateOnly(2026, 1, 1)).Version, Is.EqualTo("2026.1"), "from is inclusive");
            Assert.That(old.Grade(MemberInput()).Level!.Id, Is.EqualTo("合格"));
            Assert.That(current.Grade(MemberInput()), Has.Property("SchemeVersion").EqualTo("2026.1").And.Property("Level").Property("Id").EqualTo("优秀"));
        });
    }

    [Test]
    public void InForce_LinkedSchemesAreTheVersionsInForceOnTheSameDate()
    {
        var catalogue = SchemeCatalogue.LoadFolder(VersionedFolder());
        var organisation = GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "org-sanfenlei.cases.json")).Cases.First(c => c.Input["党员"] is Newtonsoft.Json.Linq.JArray { Count: > 0 }).Input;

        var in2025 = catalogue.Get("org-sanfenlei", In2025).Grade(organisation);
        var in2026 = catalogue.Get("org-sanfenlei", In2026).Grade(organisation);

        Assert.Multiple(() =>
        {
            Assert.That(in2025.Linked["党员"].Select(m => m.SchemeVersion), Is.All.EqualTo("2025"));
            Assert.That(in2026.Linked["党员"].Select(m => m.SchemeVersion), Is.All.EqualTo("2026.1"));
            Assert.That(in2026.SchemeVersion, Is.EqualTo(in2025.SchemeVersion), "the organisation scheme has one version");
        });
    }

    [Test]
    public void Indexer_OnAnIdWithSeveralVersions_SaysToPickADate()
    {
        var catalogue = SchemeCatalogue.LoadFolder(VersionedFolder());

        Assert.Multiple(() =>
        {
            Assert.That(() => catalogue["member-wudai"], Throws.InvalidOperationException.With.Message.Contains("2025-12-31").And.Message.Contains("InForce"));
            Assert.That(catalogue.TryGet("member-wudai", out _), Is.False);
            Assert.That(catalogue.All.Count(s => s.Id == "member-wudai"), Is.EqualTo(2));
            Assert.That(catalogue["team-sihao"].Version, Is.EqualTo("2026.1"), "an id with one version needs no date");
        });
    }

    [Test]
    public void Load_TwoVersionsInForceOnOneDay_IsAPositionedErrorNamingBothFilesAndTheDays()
    {
        var folder = VersionedFolder(member2025Effective: "{ \"to\": \"2026-03-31\" }");

        var e = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.LoadFolder(folder));

        var overlap = e!.Diagnostics.Single(d => d.Code == DiagnosticCodes.VersionsOverlap);
        Assert.Multiple(() =>
        {
            Assert.That(overlap.Message, Does.Contain("member-wudai-2025.json").And.Contain("member-wudai.json").And.Contain("2026-01-01 至 2026-03-31"));
            Assert.That(overlap.Location.Line, Is.GreaterThan(0));
            Assert.That(overlap.Location.File, Does.EndWith(".json"));
        });
    }

    [Test]
    public void Get_ADateNoVersionCovers_IsAClearError()
    {
        var catalogue = SchemeCatalogue.LoadFolder(VersionedFolder(member2025Effective: null));

        Assert.Multiple(() =>
        {
            Assert.That(() => catalogue.Get("member-wudai", In2025),
                Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("2025-06-01").And.Message.Contains("2026-01-01 起"));
            Assert.That(() => catalogue.Get("org-sanfenlei", In2025),
                Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("org-sanfenlei").And.Message.Contains("member-wudai"));
            Assert.That(catalogue.Get("org-sanfenlei", In2026).Id, Is.EqualTo("org-sanfenlei"));
        });
    }

    [Test]
    public void Load_EffectiveWithWrongDates_IsReportedWithItsPosition()
    {
        var folder = VersionedFolder(member2025Effective: null, member2026Effective: "{ \"from\": \"2026-13-01\", \"til\": \"x\" }");

        var e = Assert.Throws<SchemeLoadException>(() => SchemeCatalogue.LoadFolder(folder));

        Assert.That(e!.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCodes.InvalidValue).And.Contain(DiagnosticCodes.UnknownProperty));
    }

    [Test]
    public void AddGradingEngine_AVersionedFolder_KeepsEachVersionWithItsDays()
    {
        using var provider = new ServiceCollection()
            .AddGradingEngine(options => options.AddSchemeFolder(VersionedFolder()))
            .BuildServiceProvider();
        var catalogue = provider.GetRequiredService<SchemeCatalogue>();
        var organisation = GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "org-sanfenlei.cases.json")).Cases.First(c => c.Input["党员"] is Newtonsoft.Json.Linq.JArray { Count: > 0 }).Input;

        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Get("org-sanfenlei", In2025).Grade(organisation).Linked["党员"].Select(m => m.SchemeVersion), Is.All.EqualTo("2025"));
            Assert.That(catalogue.Get("member-wudai", In2026).Version, Is.EqualTo("2026.1"));
        });
    }

    [Test]
    public void SchemesWithoutDates_AreInForceEveryDay()
    {
        var shipped = SchemeCatalogue.Shipped;

        Assert.Multiple(() =>
        {
            Assert.That(shipped.InForce(new DateOnly(1990, 1, 1))["org-sanfenlei"], Is.SameAs(shipped["org-sanfenlei"]));
            Assert.That(shipped["member-wudai"].EffectiveFrom, Is.Null);
            Assert.That(shipped["member-wudai"].IsInForce(DateOnly.MaxValue), Is.True);
        });
    }
}
