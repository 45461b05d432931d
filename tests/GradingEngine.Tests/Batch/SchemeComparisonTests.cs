using GradingEngine.Batch;
using GradingEngine.Batch.WhatIf;
using GradingEngine.Cli;
using GradingEngine.Grading;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// <c>grading diff</c>: a threshold changed in a copy of the organisation scheme, compared on a generated province,
/// reports exactly the subjects whose level changes when the data is simply graded twice, with reasons and counts.
/// </summary>
public class SchemeComparisonTests
{
    private static readonly SampleProvinceOptions Options = new() { Organisations = 1_500, Seed = 31 };

    /// <summary>The shipped schemes with org-sanfenlei's 一类 threshold (80) set to <paramref name="threshold"/>.</summary>
    private static SchemeCatalogue WithThreshold(int threshold) =>
        SchemeCatalogue.Load(SchemeCatalogue.ShippedSources().Select(p => p.Key.EndsWith("org-sanfenlei.json", StringComparison.Ordinal)
            ? new KeyValuePair<string, string>(p.Key, p.Value.Replace("\"minScore\": 80,", $"\"minScore\": {threshold},", StringComparison.Ordinal).Replace("\"version\": \"2026.1\"", "\"version\": \"draft\"", StringComparison.Ordinal))
            : p));

    private static Dictionary<string, string> Levels(string file)
    {
        using var records = new ResultRecords(file);
        var level = records.Column("等级");
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        while (records.Next() is { } raw)
        {
            var cells = ResultRecords.Split(raw);
            levels[cells[0]] = cells[level];
        }

        return levels;
    }

    [Test]
    public void Compare_OneThresholdChanged_ReportsExactlyTheOrganisationsTwoGradesDisagreeOn()
    {
        const int threshold = 90;
        var (data, _) = ProvinceFixture.Province(Options);
        var files = ProvinceFiles.InFolder(data);
        var before = new ProvinceGrader(SchemeCatalogue.Shipped["org-sanfenlei"]);
        var after = new ProvinceGrader(WithThreshold(threshold)["org-sanfenlei"]);
        var output = ProvinceFixture.NewOutputFolder();

        var summary = SchemeComparison.Compare(before, after, files, output, new BatchOptions { Threads = 2 });

        // The same data graded twice, compared by hand.
        var (plainBefore, plainAfter) = (ProvinceFixture.NewOutputFolder(), ProvinceFixture.NewOutputFolder());
        before.Grade(files, plainBefore);
        after.Grade(files, plainAfter);
        var (old, now) = (Levels(Path.Combine(plainBefore, "organisations.csv")), Levels(Path.Combine(plainAfter, "organisations.csv")));
        var expected = old.Keys.Where(id => old[id] != now[id]).Order(StringComparer.Ordinal).ToList();
        var expectedMatrix = old.Keys.GroupBy(id => (old[id], now[id])).ToDictionary(g => g.Key, g => (long)g.Count());

        var changes = File.ReadAllLines(Path.Combine(output, "changes.csv")).Skip(1).Select(ResultRecords.Split).Where(c => c[0] == "党组织").ToList();
        Assert.That(expected, Is.Not.Empty, "the change moves some organisations");
        Assert.That(changes.Select(c => c[1]).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        var organisations = summary.Kinds.Single(k => k.Kind == "党组织");
        Assert.That(organisations.Transitions.ToDictionary(t => (t.From, t.To), t => t.Count), Is.EquivalentTo(expectedMatrix));
        Assert.That(organisations.Changed, Is.EqualTo(expected.Count));
        Assert.That(summary.Kinds.Where(k => k.Kind != "党组织").Select(k => k.Changed), Has.All.EqualTo(0), "members and teams are graded by unchanged schemes");
        Assert.That(changes.Select(c => c[^1]), Has.All.Contains("分数线").Or.Contains("名额"), "each change says why");
        Assert.That(changes.Where(c => c[^1].Contains("分数线", StringComparison.Ordinal)).Select(c => c[^1]),
            Has.All.Contains($"80→{threshold}"));
        var byCity = summary.Regions.Where(r => r.Kind == "党组织" && r.RegionLevel == "市").Sum(r => r.Changed);
        Assert.That(byCity, Is.EqualTo(expected.Count), "every change counted in its city");
        Assert.That(File.ReadAllText(Path.Combine(output, "whatif.html")), Does.Contain("<table class=\"matrix\">").And.Contain(expected[0]));
        Assert.That(Directory.GetDirectories(output), Is.Empty, "the work folders are gone");
    }

    [Test]
    public void Compare_SameScheme_NothingChanges()
    {
        var (data, _) = ProvinceFixture.Province(Options);
        var grader = new ProvinceGrader(SchemeCatalogue.Shipped["org-sanfenlei"]);

        var summary = SchemeComparison.Compare(grader, grader, ProvinceFiles.InFolder(data), ProvinceFixture.NewOutputFolder());

        Assert.That(summary.Kinds.Select(k => k.Changed + k.TotalChanged + k.OnlyBefore + k.OnlyAfter), Has.All.EqualTo(0));
        Assert.That(summary.Kinds.Single(k => k.Kind == "党员").Compared, Is.GreaterThan(20_000));
    }

    [Test]
    public void DiffCommand_SchemeFileAgainstShipped_WritesTheComparisonAndExitsZero()
    {
        var (data, _) = ProvinceFixture.Province(Options);
        var folder = ProvinceFixture.NewOutputFolder();
        var file = Path.Combine(folder, "draft.json");
        File.WriteAllText(file, SchemeCatalogue.ShippedSources().Single(p => p.Key.EndsWith("org-sanfenlei.json", StringComparison.Ordinal)).Value
            .Replace("\"minScore\": 80,", "\"minScore\": 90,", StringComparison.Ordinal));
        var output = Path.Combine(folder, "whatif");
        using var text = new StringWriter();

        var code = Program.Run(["diff", "org-sanfenlei", file, "--data", data, "--out", output, "--threads", "2"], text, text);

        Assert.That(code, Is.EqualTo(Program.Ok), text.ToString());
        Assert.That(text.ToString(), Does.Contain("一类→二类"));
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "changes.csv", "transitions.csv", "whatif.html" }));

        using var english = new StringWriter();
        Assert.That(Program.Run(["diff", "org-sanfenlei", file, "--data", data, "--out", output, "--threads", "2", "--lang", "en"], english, english), Is.EqualTo(Program.Ok));
        Assert.That(english.ToString(), Does.Contain("organisations: 1,500 compared").And.Not.Contain("比较"));
    }

    [Test]
    public void DiffCommand_ATeamScheme_IsRefusedWithExitCodeOne()
    {
        var (data, _) = ProvinceFixture.Province(Options);
        using var text = new StringWriter();

        var code = Program.Run(["diff", "org-sanfenlei", "team-sihao", "--data", data, "--out", ProvinceFixture.NewOutputFolder()], text, text);

        Assert.That(code, Is.EqualTo(Program.InputProblems));
        Assert.That(text.ToString(), Does.Contain("党组织方案"));
    }

    [Test]
    public void DiffCommand_OneScheme_IsAWrongCommandLine()
    {
        using var text = new StringWriter();

        Assert.That(Program.Run(["diff", "org-sanfenlei", "--data", "x"], text, text), Is.EqualTo(Program.Usage));
    }
}
